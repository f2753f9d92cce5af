import DartCore
import Foundation

/// Where published files go: a local directory, S3-compatible storage or Azure Blob Storage.
/// Keys use `/` separators. A `put` replaces the whole object atomically (readers see the old
/// or the new bytes, never a mix).
public protocol ObjectStore: Sendable {
    /// A description for logs and run records; never contains credentials.
    var displayName: String { get }
    func put(_ data: Data, key: String, contentType: String) async throws
    /// The object's bytes, or nil when it does not exist.
    func get(key: String) async throws -> Data?
    /// Keys under a prefix, sorted.
    func list(prefix: String) async throws -> [String]
    /// Deletes an object; deleting a missing object is not an error.
    func delete(key: String) async throws
    /// Removes temporary files that writers gone for good left in `folder` (a `put` killed
    /// mid-way), never one a live writer is still writing. Returns their names.
    func removeStaleTemporaries(folder: String) async throws -> [String]
}

extension ObjectStore {
    /// Stores whose `put` is one request (S3, Azure) leave no temporary files.
    public func removeStaleTemporaries(folder: String) async throws -> [String] { [] }
}

public typealias ObjectStoreError = CodedError<ObjectStoreErrorCode>

public enum ObjectStoreErrorCode: String, Sendable { case invalidKey, io, http, unreachable, unauthorized }

public enum ObjectKey {
    /// Rejects keys that could escape the store's root or are empty.
    public static func validate(_ key: String) throws {
        guard !key.isEmpty, !key.hasPrefix("/"), !key.split(separator: "/", omittingEmptySubsequences: false).contains(where: { $0 == ".." || $0.isEmpty }) else {
            throw ObjectStoreError(.invalidKey, "object key '\(key)' must be a relative path without empty or '..' segments")
        }
    }
}
