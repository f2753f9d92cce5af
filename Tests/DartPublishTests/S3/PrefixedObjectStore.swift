import Foundation
@testable import DartPublish

/// Gives each test its own key space inside one shared bucket: the test SeaweedFS has room for
/// very few buckets (each is a collection with its own volumes).
struct PrefixedObjectStore<Base: ObjectStore>: ObjectStore {
    let base: Base
    let prefix: String

    init(_ base: Base, prefix: String = "test-\(UUID().uuidString.prefix(8).lowercased())/") {
        self.base = base
        self.prefix = prefix
    }

    var displayName: String { base.displayName + "/" + prefix }
    func put(_ data: Data, key: String, contentType: String) async throws { try await base.put(data, key: prefix + key, contentType: contentType) }
    func get(key: String) async throws -> Data? { try await base.get(key: prefix + key) }
    func delete(key: String) async throws { try await base.delete(key: prefix + key) }
    func list(prefix listPrefix: String) async throws -> [String] {
        try await base.list(prefix: prefix + listPrefix).map { String($0.dropFirst(prefix.count)) }
    }
}
