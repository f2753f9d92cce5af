import DartCore
import DartPublish
import DartRuns
import DartTesting
import DartWorkspace
import Foundation
import GRDB
@testable import DartPipeline

/// Backfill tests on the pipeline fixture's slice of the bundled sample (4 hubs, 2024-09-01 …
/// 2024-11-30), LightGBM and XGBoost with few rounds and one thread, the SQLite table on.
enum BackfillFixture {
    /// Issue days 2024-11-01 … 2024-11-30, one whole month: one monthly refit (cutoff 2024-11-01 05:00 CDT),
    /// the fall-back day inside.
    static let from = OperatingDay("2024-11-01")!
    static let to = OperatingDay("2024-11-30")!
    static let cutoffUTC = UTCFormat.parse("2024-11-01T10:00:00Z")!

    static let settingsJSON = PipelineFixture.settingsJSON(
        families: ["lightgbm", "xgboost"], extra: "\"sql\": {\"enabled\": true}, \"output\": {\"write_sql\": true}")

    /// The slice as a CSV file in `directory`.
    static func sliceFile(in directory: URL) throws -> URL {
        let url = directory.appendingPathComponent("dart_slice.csv")
        try Data((PipelineFixture.sliceLines().joined(separator: "\n") + "\n").utf8).write(to: url)
        return url
    }

    /// A fresh data directory with the slice in its market store.
    static func ingested() throws -> (fixture: PipelineFixture, workspace: Workspace) {
        let fixture = try PipelineFixture()
        let workspace = try fixture.workspace(json: settingsJSON)
        _ = try workspace.marketStore().ingest(file: try sliceFile(in: fixture.dataDirectory))
        return (fixture, workspace)
    }

    static func issues(_ workspace: Workspace) -> [Int64] {
        workspace.rules.issueTimes(.dayahead, from: from, through: to)
    }

    /// Each issue's manifested partition rows, in key order.
    static func partitions(_ workspace: Workspace, product: ForecastProduct = .dayahead, issues: [Int64]) async throws -> [Int64: [ForecastRow]] {
        let publisher = try PublishTargetFactory(workspace: workspace).partitionPublisher()
        var result: [Int64: [ForecastRow]] = [:]
        for issue in issues {
            result[issue] = try await publisher.read(product: product.rawValue, issueUTC: issue)?.sorted { $0.key < $1.key }
        }
        return result
    }

    /// Every row of the SQLite prediction table, each as column → text, in key order.
    static func sqlRows(_ workspace: Workspace) throws -> [[String: String]] {
        let configured = workspace.settings.sql.sqlitePath
        let path = configured.hasPrefix("/") ? URL(fileURLWithPath: configured) : workspace.dataDirectory.appendingPathComponent(configured)
        return try DatabaseQueue(path: path.path).read { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM \(workspace.settings.sql.table)
                ORDER BY issue_time_utc, target_hour_utc, settlement_point, model_family, model_version
                """).map { row in
                Dictionary(uniqueKeysWithValues: row.columnNames.map { ($0, (row[$0] as DatabaseValue).description) })
            }
        }
    }

    /// A model version's identity across data directories: its artifacts' digests (the files a fit
    /// saved). Version ids differ (they name the registry key and the second of registration).
    static func modelIdentity(_ version: String, in workspace: Workspace) throws -> String {
        try workspace.registry().version(version).artifacts.map { "\($0.fileName)=\($0.sha256)" }.sorted().joined(separator: ",")
    }

    /// Rows with the columns a backfill may legitimately change blanked: origin, and the version id
    /// replaced by the model's identity.
    static func normalized(_ rows: [ForecastRow], in workspace: Workspace) throws -> [ForecastRow] {
        try rows.map { row in
            var row = row
            row.origin = .production
            row.modelVersion = try modelIdentity(row.modelVersion, in: workspace)
            return row
        }
    }

    /// SQL rows without run_id, created_at and origin, the version replaced by the model's identity.
    static func normalized(_ rows: [[String: String]], in workspace: Workspace) throws -> [[String: String]] {
        try rows.map { row in
            var row = row
            for column in ["run_id", "created_at", "origin"] { row[column] = nil }
            row["model_version"] = try modelIdentity(row["model_version"]!.trimmingCharacters(in: CharacterSet(charactersIn: "\"")), in: workspace)
            return row
        }
    }

    static func backfillRecords(_ workspace: Workspace) throws -> [RunRecord] {
        try workspace.runStore().runs(job: Backfill.job, limit: 1000)
    }
}
