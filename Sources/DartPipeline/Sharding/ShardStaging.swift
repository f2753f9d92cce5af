import DartCore
import DartPublish
import Foundation

/// What one shard staged for an issue time; written after its rows, so its presence means the rows are complete.
public struct StagedShard: Codable, Hashable, Sendable {
    public var format = 1
    public var shard: ShardSpec
    public var product: String
    public var issueTimeUTC: Int64
    public var rows: Int
    /// sha256 of the staged Parquet bytes.
    public var sha256: String
    public var points: [String]
    /// family → registry version used.
    public var modelVersions: [String: String]
    /// The registry key the champions came from: the product (shared models) or the shard's own key.
    public var registryProduct: String
    public var createdAtUTC: Int64
}

/// Shards' forecast rows, staged in the shared object store until the merge publishes them as one
/// partition. Keys (beside the partitions, never inside them):
/// `_shards/product=<p>/issue=<yyyyMMddTHHmmZ>/shard-<i>-of-<n>.parquet` and `….json` (the descriptor).
/// Re-staging a shard replaces its objects.
public struct ShardStaging: Sendable {
    public let store: any ObjectStore

    public init(store: any ObjectStore) {
        self.store = store
    }

    public static func prefix(product: String, issueUTC: Int64) -> String {
        "_shards/product=\(product)/issue=\(compact(issueUTC))/"
    }

    /// `2024-11-28T11:00:00Z` → `20241128T1100Z`.
    static func compact(_ utc: Int64) -> String {
        let iso = UTCFormat.iso8601(utc)
        return iso.prefix(10).replacingOccurrences(of: "-", with: "") + "T" + iso.dropFirst(11).prefix(5).replacingOccurrences(of: ":", with: "") + "Z"
    }

    /// Stages a shard's rows: the Parquet file first, the descriptor last.
    @discardableResult
    public func stage(rows: [ForecastRow], shard: ShardSpec, product: String, issueUTC: Int64, modelVersions: [String: String],
                      registryProduct: String, createdAtUTC: Int64) async throws -> StagedShard {
        let base = Self.prefix(product: product, issueUTC: issueUTC) + shard.fileStem
        let data = try ParquetCodec.encode(PredictionsParquet.table(rows: rows, runID: "shard-\(shard.index)-of-\(shard.count)", createdAtUTC: createdAtUTC))
        try await store.put(data, key: base + ".parquet", contentType: "application/vnd.apache.parquet")
        let descriptor = StagedShard(shard: shard, product: product, issueTimeUTC: issueUTC, rows: rows.count, sha256: Self.sha256(data),
                                     points: Array(Set(rows.map(\.settlementPoint))).sorted(), modelVersions: modelVersions,
                                     registryProduct: registryProduct, createdAtUTC: createdAtUTC)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try await store.put(try encoder.encode(descriptor), key: base + ".json", contentType: "application/json")
        return descriptor
    }

    /// Descriptors staged for (product, issue time) by shards of a `count`-way split, by shard index.
    public func staged(product: String, issueUTC: Int64, count: Int) async throws -> [Int: StagedShard] {
        let prefix = Self.prefix(product: product, issueUTC: issueUTC)
        var found: [Int: StagedShard] = [:]
        for key in try await store.list(prefix: prefix) where key.hasSuffix("-of-\(count).json") {
            guard let data = try await store.get(key: key) else { continue }
            let descriptor: StagedShard
            do {
                descriptor = try JSONDecoder().decode(StagedShard.self, from: data)
            } catch {
                throw ShardError(.inconsistentShards, context: key, "is not a shard descriptor (\(error)); re-run that shard's predict")
            }
            guard descriptor.shard.count == count, key == prefix + descriptor.shard.fileStem + ".json",
                  descriptor.product == product, descriptor.issueTimeUTC == issueUTC else {
                throw ShardError(.inconsistentShards, context: key, "describes shard \(descriptor.shard) of \(descriptor.product) at \(UTCFormat.iso8601(descriptor.issueTimeUTC)); re-run that shard's predict")
            }
            found[descriptor.shard.index] = descriptor
        }
        return found
    }

    /// A staged shard's rows, checked against its descriptor.
    public func rows(of descriptor: StagedShard) async throws -> [ForecastRow] {
        let key = Self.prefix(product: descriptor.product, issueUTC: descriptor.issueTimeUTC) + descriptor.shard.fileStem + ".parquet"
        guard let data = try await store.get(key: key) else {
            throw ShardError(.inconsistentShards, context: key, "is missing although its descriptor exists; re-run shard \(descriptor.shard)")
        }
        guard Self.sha256(data) == descriptor.sha256 else {
            throw ShardError(.inconsistentShards, context: key, "does not match the sha256 in its descriptor (overwritten mid-merge?); re-run shard \(descriptor.shard)")
        }
        let rows = try PredictionsParquet.rows(from: try ParquetCodec.read(data))
        guard rows.count == descriptor.rows else {
            throw ShardError(.inconsistentShards, context: key, "has \(rows.count) rows; its descriptor says \(descriptor.rows); re-run shard \(descriptor.shard)")
        }
        return rows
    }

    static func sha256(_ data: Data) -> String { SigV4Signer.sha256Hex(data) }
}
