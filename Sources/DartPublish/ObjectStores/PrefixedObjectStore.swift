import Foundation

/// An object store seen under a key prefix (`storage.object_store.path` for S3 and Azure), so
/// several deployments can share one bucket or container.
public struct PrefixedObjectStore: ObjectStore {
    let base: any ObjectStore
    /// Empty, or ends with `/`.
    let prefix: String

    public init(base: any ObjectStore, prefix: String) {
        self.base = base
        let trimmed = prefix.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        self.prefix = trimmed.isEmpty ? "" : trimmed + "/"
    }

    public var displayName: String { base.displayName + "/" + prefix }
    public func put(_ data: Data, key: String, contentType: String) async throws { try await base.put(data, key: prefix + key, contentType: contentType) }
    public func get(key: String) async throws -> Data? { try await base.get(key: prefix + key) }
    public func delete(key: String) async throws { try await base.delete(key: prefix + key) }
    public func removeStaleTemporaries(folder: String) async throws -> [String] {
        try await base.removeStaleTemporaries(folder: prefix + folder)
    }
    public func list(prefix keyPrefix: String) async throws -> [String] {
        try await base.list(prefix: prefix + keyPrefix).map { String($0.dropFirst(prefix.count)) }
    }
}
