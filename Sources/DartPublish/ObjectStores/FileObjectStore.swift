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
            let temporary = directory.appendingPathComponent(TemporaryFileName.make())
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
            if key.hasPrefix(prefix), !TemporaryFileName.isTemporary(url.lastPathComponent) { keys.append(key) }
        }
        return keys.sorted()
    }

    /// Removes `.tmp-*` files in `folder` whose writer is gone: its process ended (the name
    /// records PID, start time and machine, `TemporaryFileName`), or, for names without an owner
    /// on this machine, files older than `TemporaryFileName.unownedStaleAfter`.
    public func removeStaleTemporaries(folder: String) async throws -> [String] {
        try ObjectKey.validate(folder)
        let directory = root.appendingPathComponent(folder)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return [] }
        var removed: [String] = []
        for name in names.sorted() where TemporaryFileName.isTemporary(name) {
            let url = directory.appendingPathComponent(name)
            let modified = (try? FileManager.default.attributesOfItem(atPath: url.path)[.modificationDate]) as? Date
            guard TemporaryFileName.isStale(name, modified: modified) else { continue }
            if (try? FileManager.default.removeItem(at: url)) != nil { removed.append(name) }
        }
        return removed
    }

    public func delete(key: String) async throws {
        try ObjectKey.validate(key)
        let url = root.appendingPathComponent(key)
        if FileManager.default.fileExists(atPath: url.path) { try FileManager.default.removeItem(at: url) }
    }
}
