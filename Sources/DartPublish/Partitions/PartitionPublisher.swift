import Crypto
import DartCore
import Foundation

/// Publishes one forecast set (one product, one issue time) as a manifested Parquet partition.
///
/// Order of writes: the Parquet file (one atomic put), then `_manifest.json` (one atomic put),
/// then removal of files the new manifest no longer lists. A reader that trusts only the
/// manifest sees either the old set or the new one. Re-publishing the same issue time
/// replaces the partition's content, so a re-run never duplicates rows.
public struct PartitionPublisher: Sendable {
    public let store: any ObjectStore
    public let layout: PartitionLayout
    public let compression: ParquetCompression

    public init(store: any ObjectStore, layout: PartitionLayout = .hive, compression: ParquetCompression = .zstd) {
        self.store = store
        self.layout = layout
        self.compression = compression
    }

    @discardableResult
    public func publish(rows: [ForecastRow], product: String, issueUTC: Int64, runID: String, createdAtUTC: Int64) async throws -> PartitionManifest {
        let partition = layout.partitionPath(product: product, issueUTC: issueUTC)
        let fileName = layout.fileName(runID: runID)
        let data = try ParquetCodec.encode(PredictionsParquet.table(rows: rows, runID: runID, createdAtUTC: createdAtUTC), compression: compression)
        let previous = try await manifest(partition: partition)
        // Temporary files of puts killed mid-way (kill -9) into this partition; a concurrent
        // writer's file is kept. Cleaning is best effort: it never fails the publish.
        _ = try? await store.removeStaleTemporaries(folder: partition)
        try await store.put(data, key: "\(partition)/\(fileName)", contentType: "application/vnd.apache.parquet")
        let manifest = PartitionManifest(
            partition: partition, product: product, issueTimeUTC: UTCFormat.iso8601(issueUTC), runID: runID,
            files: [.init(name: fileName, rows: rows.count, bytes: data.count, sha256: Self.sha256(data))],
            createdAtUTC: UTCFormat.iso8601(createdAtUTC))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try await store.put(try encoder.encode(manifest), key: "\(partition)/\(PartitionManifest.fileName)", contentType: "application/json")
        // Files of earlier runs of this partition, and any unmanifested leftovers, go last.
        let keep = Set(manifest.files.map(\.name) + [PartitionManifest.fileName])
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
        guard let data = try await store.get(key: "\(partition)/\(PartitionManifest.fileName)") else { return nil }
        do {
            return try JSONDecoder().decode(PartitionManifest.self, from: data)
        } catch {
            throw ObjectStoreError(.io, "\(partition)/\(PartitionManifest.fileName) is not a valid manifest: \(error)")
        }
    }

    /// All manifested partitions of a product, oldest first.
    public func partitions(product: String) async throws -> [PartitionManifest] {
        var manifests: [PartitionManifest] = []
        for key in try await store.list(prefix: layout.productPrefix(product: product)) where key.hasSuffix("/" + PartitionManifest.fileName) {
            if let manifest = try await manifest(partition: String(key.dropLast(PartitionManifest.fileName.count + 1))) {
                manifests.append(manifest)
            }
        }
        return manifests.sorted { $0.issueTimeUTC < $1.issueTimeUTC }
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
