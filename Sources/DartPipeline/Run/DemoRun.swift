import DartRuns
import DartWorkspace
import DartConfig
import DartCore
import DartData
import DartModels
import DartPublish
import Foundation

/// The production part of `dartcast demo`: one `RunPipeline` run (job `demo`, day-ahead, with
/// retrain) that trains, predicts the day after the last stored day and publishes locally to a
/// Parquet partition, the SQLite table and a console notification.
///
/// The demo never reaches outside the data directory, whatever the settings file says: the
/// object store is the local folder, the SQL table is SQLite, notifications go to the console
/// only and `sources.postgres` is not read. Everything else (points, models, market rules)
/// comes from the settings.
public struct DemoRun: Sendable {
    public static let job = "demo"

    public let pipeline: RunPipeline
    public var workspace: Workspace { pipeline.workspace }

    /// - Parameters:
    ///   - workspace: built from `DemoRun.settings(from:)`.
    ///   - console: receives the console notification (default: standard output).
    public init(workspace: Workspace, console: @escaping @Sendable (String) -> Void = { print($0) }) {
        pipeline = RunPipeline(workspace: workspace, targets: PublishTargetFactory(workspace: workspace, console: console))
    }

    /// The settings the demo runs with: `loaded` with every output local and on (see the type's
    /// documentation).
    /// - Throws: `PipelineError.configuration` if the adjusted settings do not validate.
    public static func settings(from loaded: LoadedSettings) throws -> LoadedSettings {
        var settings = loaded.settings
        settings.storage.objectStore.kind = .file
        settings.output.writeObjectStore = true
        settings.output.writeSQL = true
        settings.sql.enabled = true
        settings.sql.backend = .sqlite
        settings.output.notify = true
        settings.notifications.enabled = true
        settings.notifications.onSuccess = true
        settings.notifications.onFailure = true
        settings.notifications.teams.enabled = false
        settings.notifications.slack.enabled = false
        settings.notifications.webhook.enabled = false
        settings.notifications.email.enabled = false
        settings.sources.postgres = nil
        let report = SettingsLoader.check(json: settings.settingsFileText, fileName: "demo settings")
        guard let demo = report.loaded else {
            throw PipelineError(.configuration, "the demo settings derived from yours do not validate: " + report.lines.joined(separator: "; "))
        }
        return demo
    }

    /// The day-ahead issue (05:00 market time) on the last operating day the store has prices
    /// for: the run forecasts the next operating day.
    /// - Throws: `PipelineError.noData` when the store is empty.
    public func issueUTC(store: MarketStore) throws -> Int64 {
        let points = try workspace.points(in: store)
        guard let lastHour = try points.compactMap({ try store.lastHourUTC(point: $0) }).max() else {
            throw PipelineError(.noData, "the market store in \(workspace.dataDirectory.path) has no prices; ingest the sample first")
        }
        let lastDay = workspace.rules.timeZone.operatingDay(containing: lastHour)
        return workspace.rules.issueTimes(.dayahead, from: lastDay, through: lastDay)[0]
    }

    /// Runs the demo's slot (the issue time); re-running takes the next attempt and replaces the outputs.
    public func run(issueUTC: Int64) async throws -> RunResult {
        try await pipeline.execute(RunRequest(job: Self.job, slotUTC: issueUTC, product: .dayahead, retrain: true))
    }

    /// Where a run's outputs went.
    public struct Outputs: Sendable, Hashable {
        public var dataDirectory: URL
        public var runID: String
        public var logFile: URL?
        public var outbox: URL
        public var registry: URL
        public var marketStore: URL
        /// The Parquet partition folder (Parquet files only).
        public var partition: URL
        /// Its `_manifest.json`, in the manifests tree beside the data tree.
        public var manifest: URL
        public var sqliteFile: URL
        public var sqlTable: String
    }

    public func outputs(of record: RunRecord, issueUTC: Int64) -> Outputs {
        let settings = workspace.settings
        let data = workspace.dataDirectory
        let layout: DartPublish.PartitionLayout = settings.output.partitionLayout == .legacy ? .legacy : .hive
        let partition = layout.partitionPath(product: ForecastProduct.dayahead.rawValue, issueUTC: issueUTC)
        return Outputs(
            dataDirectory: data, runID: record.runID, logFile: record.logPath.map { URL(fileURLWithPath: $0) },
            outbox: OutboxPayload.directory(dataDirectory: data, runID: record.runID),
            registry: ModelRegistry.url(dataDirectory: data),
            marketStore: workspace.marketStoreFile,
            partition: pipeline.targets.resolved(settings.storage.objectStore.path).appendingPathComponent(partition),
            manifest: pipeline.targets.resolved(PublishTargetFactory.manifestsPath(settings.storage.objectStore.path))
                .appendingPathComponent(partition).appendingPathComponent(PartitionManifest.fileName),
            sqliteFile: pipeline.targets.resolved(settings.sql.sqlitePath), sqlTable: settings.sql.table)
    }
}
