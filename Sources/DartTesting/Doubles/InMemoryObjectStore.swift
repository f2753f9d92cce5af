import DartPublish
import Foundation

/// An object store in memory, like NIO's embedded channel: unit tests publish into it and read
/// back; S3, Azure and the file store are tested against real back ends.
public final class InMemoryObjectStore: ObjectStore, @unchecked Sendable {
    private let lock = NSLock()
    private var objects: [String: Data] = [:]

    public init() {}

    public var displayName: String { "memory://" }
    /// Every stored key, sorted.
    public var keys: [String] { lock.withLock { objects.keys.sorted() } }

    public func put(_ data: Data, key: String, contentType: String) async throws {
        try ObjectKey.validate(key)
        lock.withLock { objects[key] = data }
    }

    public func get(key: String) async throws -> Data? {
        try ObjectKey.validate(key)
        return lock.withLock { objects[key] }
    }

    public func list(prefix: String) async throws -> [String] {
        lock.withLock { objects.keys.filter { $0.hasPrefix(prefix) }.sorted() }
    }

    public func delete(key: String) async throws {
        try ObjectKey.validate(key)
        _ = lock.withLock { objects.removeValue(forKey: key) }
    }
}
