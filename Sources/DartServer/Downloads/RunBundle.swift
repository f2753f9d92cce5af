import DartRuns
import DartPublish
import Foundation

/// What `dartcast runs download` saves for one run, as flat file names: the record
/// (`run.json`, as the API shows it: `RunView`), its log (`run.log`), the outbox copy it published from
/// (`outbox-payload.json`, `outbox-predictions.parquet`) and, when the run's partition is still
/// the one in the object store, the partition's files (`partition-<name>`, including
/// `partition-_manifest.json`). Shared by the CLI (local) and `GET /api/runs/{id}/files`.
public struct RunBundle: Sendable {
    public struct File: Codable, Hashable, Sendable {
        public var name: String
        public var bytes: Int
        /// Where it came from (a local path or an object key), for the listing.
        public var source: String
    }

    let runStore: RunStore
    let targets: PublishTargetFactory

    public init(runStore: RunStore, targets: PublishTargetFactory) {
        self.runStore = runStore
        self.targets = targets
    }

    /// The run's files and their contents.
    /// - Throws: `RunStoreError.notFound` for an unknown run; object-store errors when the partition cannot be read.
    public func files(runID: String) async throws -> [(file: File, data: Data)] {
        let record = try runStore.run(runID)
        var result: [(File, Data)] = []
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let json = try encoder.encode(RunView(record))
        result.append((File(name: "run.json", bytes: json.count, source: "run store"), json))
        if let path = record.logPath, let log = FileManager.default.contents(atPath: path) {
            result.append((File(name: "run.log", bytes: log.count, source: path), log))
        }
        let outbox = OutboxPayload.directory(dataDirectory: runStore.directory, runID: runID)
        for name in [OutboxPayload.payloadFile, OutboxPayload.predictionsFile] {
            let url = outbox.appendingPathComponent(name)
            if let data = FileManager.default.contents(atPath: url.path) {
                result.append((File(name: "outbox-" + name, bytes: data.count, source: url.path), data))
            }
        }
        result += try await partitionFiles(outbox: outbox, runID: runID)
        return result
    }

    /// The object-store partition the run wrote, if its manifest still names this run (a later
    /// re-run of the slot replaces it).
    private func partitionFiles(outbox: URL, runID: String) async throws -> [(File, Data)] {
        guard FileManager.default.fileExists(atPath: outbox.appendingPathComponent(OutboxPayload.payloadFile).path),
              targets.settings.output.writeObjectStore else { return [] }
        let payload = try OutboxPayload.load(from: outbox)
        guard payload.rowCount > 0 else { return [] }
        let publisher = try targets.partitionPublisher()
        let partition = publisher.layout.partitionPath(product: payload.product, issueUTC: payload.issueUTC)
        guard let manifest = try await publisher.manifest(partition: partition), manifest.runID == runID,
              let manifestData = try await publisher.manifestData(partition: partition) else { return [] }
        var files: [(File, Data)] = []
        for name in manifest.files.map(\.name) {
            let key = "\(partition)/\(name)"
            if let data = try await publisher.store.get(key: key) {
                files.append((File(name: "partition-" + name, bytes: data.count, source: key), data))
            }
        }
        files.append((File(name: "partition-" + PartitionManifest.fileName, bytes: manifestData.count,
                           source: publisher.manifestKey(partition)), manifestData))
        return files
    }
}
