import Foundation

/// A local directory as an object store (the default). Puts are atomic: temp file, fsync, rename.
public struct FileObjectStore: ObjectStore {
    public let root: URL

    public init(root: URL) {
        self.root = root
    }

    public var displayName: String { "file://\(root.path)" }

    public func put(_ data: Data, key: String, contentType: String) async throws {
        try ObjectKey.validate(key)
        let url = root.appendingPathComponent(key)
        let directory = url.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let temporary = directory.appendingPathComponent(".tmp-\(UUID().uuidString)")
            guard FileManager.default.createFile(atPath: temporary.path, contents: data) else {
                throw ObjectStoreError(.io, "could not write \(temporary.path)")
            }
            let handle = try FileHandle(forWritingTo: temporary)
            try handle.synchronize()
            try handle.close()
            guard rename(temporary.path, url.path) == 0 else {
                let reason = String(cString: strerror(errno))
                try? FileManager.default.removeItem(at: temporary)
                throw ObjectStoreError(.io, "could not move \(key) into place under \(root.path): \(reason)")
            }
        } catch let error as ObjectStoreError {
            throw error
        } catch {
            throw ObjectStoreError(.io, "could not write \(key) under \(root.path): \(error.localizedDescription)")
        }
    }

    public func get(key: String) async throws -> Data? {
        try ObjectKey.validate(key)
        let url = root.appendingPathComponent(key)
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        return try Data(contentsOf: url)
    }

    public func list(prefix: String) async throws -> [String] {
        guard let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey]) else {
            return []
        }
        let rootPath = root.standardizedFileURL.path + "/"
        var keys: [String] = []
        for case let url as URL in enumerator {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            let path = url.standardizedFileURL.path
            guard path.hasPrefix(rootPath) else { continue }
            let key = String(path.dropFirst(rootPath.count))
            if key.hasPrefix(prefix), !url.lastPathComponent.hasPrefix(".tmp-") { keys.append(key) }
        }
        return keys.sorted()
    }

    public func delete(key: String) async throws {
        try ObjectKey.validate(key)
        let url = root.appendingPathComponent(key)
        if FileManager.default.fileExists(atPath: url.path) { try FileManager.default.removeItem(at: url) }
    }
}
