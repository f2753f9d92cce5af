import Crypto
import DartCore
import Foundation

/// Publishes one forecast set (one product, one issue time) as a manifested Parquet partition.
///
/// Order of writes: the Parquet file (one atomic put), then `_manifest.json` (one atomic put),
/// then removal of files the new manifest no longer lists. A reader that trusts only the
/// manifest sees either the old set or the new one. Re-publishing the same issue time
/// replaces the partition's content, so a re-run never duplicates rows.
///
/// With `manifests`, manifests live in that store under the same partition path, outside the
/// data tree, so the data tree holds only Parquet files and DuckDB (`read_parquet('predictions/**',
/// hive_partitioning=true)`) and polars (`scan_parquet('predictions/')`) read it in one call.
/// A manifest an older version left inside a partition is still read, and removed on re-publish.
public struct PartitionPublisher: Sendable {
    public let store: any ObjectStore
    public let layout: PartitionLayout
    public let compression: ParquetCompression
    /// Serialises publishes of one partition between processes; nil for a store no other process writes.
    public let lock: PartitionLock?
    /// Where manifests go; nil keeps them inside each partition (the layout before manifests moved).
    public let manifests: (any ObjectStore)?

    public init(store: any ObjectStore, manifests: (any ObjectStore)? = nil, layout: PartitionLayout = .hive,
                compression: ParquetCompression = .zstd, lock: PartitionLock? = nil) {
        self.store = store
        self.manifests = manifests
        self.layout = layout
        self.compression = compression
        self.lock = lock
    }

    @discardableResult
    public func publish(rows: [ForecastRow], product: String, issueUTC: Int64, runID: String, createdAtUTC: Int64) async throws -> PartitionManifest {
        let partition = layout.partitionPath(product: product, issueUTC: issueUTC)
        let fileName = layout.fileName(runID: runID)
        let data = try ParquetCodec.encode(PredictionsParquet.table(rows: rows, runID: runID, createdAtUTC: createdAtUTC), compression: compression)
        guard let lock else {
            return try await write(data, rows: rows.count, partition: partition, fileName: fileName, product: product, issueUTC: issueUTC,
                                   runID: runID, createdAtUTC: createdAtUTC)
        }
        return try await lock.withLock(partition: partition) {
            try await write(data, rows: rows.count, partition: partition, fileName: fileName, product: product, issueUTC: issueUTC,
                            runID: runID, createdAtUTC: createdAtUTC)
        }
    }

    private func write(_ data: Data, rows: Int, partition: String, fileName: String, product: String, issueUTC: Int64, runID: String,
                       createdAtUTC: Int64) async throws -> PartitionManifest {
        let previous = try await manifest(partition: partition)
        // Temporary files of puts killed mid-way (kill -9) into this partition; a concurrent
        // writer's file is kept. Cleaning is best effort: it never fails the publish.
        _ = try? await store.removeStaleTemporaries(folder: partition)
        try await store.put(data, key: "\(partition)/\(fileName)", contentType: "application/vnd.apache.parquet")
        let manifest = PartitionManifest(
            partition: partition, product: product, issueTimeUTC: UTCFormat.iso8601(issueUTC), runID: runID,
            files: [.init(name: fileName, rows: rows, bytes: data.count, sha256: Self.sha256(data))],
            createdAtUTC: UTCFormat.iso8601(createdAtUTC))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try await (manifests ?? store).put(try encoder.encode(manifest), key: manifestKey(partition), contentType: "application/json")
        // Files of earlier runs of this partition, and any unmanifested leftovers (an old in-partition
        // manifest once manifests live apart), go last.
        let keep = Set(manifest.files.map(\.name) + (manifests == nil ? [PartitionManifest.fileName] : []))
        var stale = Set(previous?.files.map(\.name) ?? [])
        for key in try await store.list(prefix: partition + "/") {
            let name = String(key.dropFirst(partition.count + 1))
            if !name.contains("/") { stale.insert(name) }
        }
        for name in stale.subtracting(keep) { try await store.delete(key: "\(partition)/\(name)") }
        return manifest
    }

    /// The manifest of a partition, or nil when it has none (then the partition does not exist for readers).
    public func manifest(partition: String) async throws -> PartitionManifest? {
        guard let data = try await manifestData(partition: partition) else { return nil }
        do {
            return try JSONDecoder().decode(PartitionManifest.self, from: data)
        } catch {
            throw ObjectStoreError(.io, "\(partition)/\(PartitionManifest.fileName) is not a valid manifest: \(error)")
        }
    }

    /// The manifest's bytes: from the manifest store, else an older in-partition manifest.
    public func manifestData(partition: String) async throws -> Data? {
        if let manifests, let data = try await manifests.get(key: manifestKey(partition)) { return data }
        return try await store.get(key: "\(partition)/\(PartitionManifest.fileName)")
    }

    /// Where a partition's manifest is written, in `manifests` (or in `store` without one).
    public func manifestKey(_ partition: String) -> String { "\(partition)/\(PartitionManifest.fileName)" }

    /// All manifested partitions of a product, oldest first.
    public func partitions(product: String) async throws -> [PartitionManifest] {
        var found: [String: PartitionManifest] = [:]
        for source in [store] + (manifests.map { [$0] } ?? []) {
            for key in try await source.list(prefix: layout.productPrefix(product: product)) where key.hasSuffix("/" + PartitionManifest.fileName) {
                let partition = String(key.dropLast(PartitionManifest.fileName.count + 1))
                if let manifest = try await manifest(partition: partition) { found[partition] = manifest }
            }
        }
        return found.values.sorted { $0.issueTimeUTC < $1.issueTimeUTC }
    }

    /// The rows of a manifested partition, verifying each file's sha256 and row count.
    public func read(product: String, issueUTC: Int64) async throws -> [ForecastRow]? {
        let partition = layout.partitionPath(product: product, issueUTC: issueUTC)
        guard let manifest = try await manifest(partition: partition) else { return nil }
        var rows: [ForecastRow] = []
        for file in manifest.files {
            guard let data = try await store.get(key: "\(partition)/\(file.name)") else {
                throw ObjectStoreError(.io, "\(partition)/\(file.name) is listed in the manifest but missing")
            }
            guard Self.sha256(data) == file.sha256 else {
                throw ObjectStoreError(.io, "\(partition)/\(file.name) does not match the sha256 in its manifest; re-publish the partition")
            }
            let fileRows = try PredictionsParquet.rows(from: try ParquetCodec.read(data))
            guard fileRows.count == file.rows else {
                throw ObjectStoreError(.io, "\(partition)/\(file.name) has \(fileRows.count) rows; its manifest says \(file.rows)")
            }
            rows += fileRows
        }
        return rows
    }

    static func sha256(_ data: Data) -> String {
        SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }
}
