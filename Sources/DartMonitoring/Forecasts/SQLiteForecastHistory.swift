import DartCore
import DartPublish
import Foundation
import GRDB

/// Reads `predictions_dart_spread` (or the configured table) from the SQLite prediction file
/// the SQL sink writes. Times are ISO-8601 UTC text there, which sorts as time.
public struct SQLiteForecastHistory: ForecastHistory {
    public let path: URL
    public let table: SQLTableName

    /// - Throws: `MonitoringError.configuration` when `table` is not a plain SQL name.
    public init(path: URL, table: String = "predictions_dart_spread") throws {
        self.path = path
        do { self.table = try SQLTableName(schema: nil, table: table) } catch {
            throw MonitoringError(.configuration, "\(error)", configKey: "sql.table")
        }
    }

    public var displayName: String { "sqlite://\(path.path)#\(table)" }

    public func forecasts(targetFromUTC: Int64, targetToUTC: Int64, issuedByUTC: Int64) throws -> [PublishedForecast] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT issue_time_utc, target_hour_utc, settlement_point, product, model_family, model_version, prediction, p10, p50, p90
                FROM \(table.qualified) WHERE target_hour_utc >= ? AND target_hour_utc < ? AND issue_time_utc <= ?
                ORDER BY target_hour_utc, settlement_point, model_family, model_version, issue_time_utc
                """, arguments: [UTCFormat.iso8601(targetFromUTC), UTCFormat.iso8601(targetToUTC), UTCFormat.iso8601(issuedByUTC)])
            .compactMap { row -> PublishedForecast? in
                guard let issue = UTCFormat.parse(row["issue_time_utc"] as String),
                      let target = UTCFormat.parse(row["target_hour_utc"] as String) else { return nil }
                let prediction: Double = row["prediction"]
                return PublishedForecast(issueUTC: issue, targetUTC: target, point: row["settlement_point"], product: row["product"],
                                         family: row["model_family"], version: row["model_version"],
                                         p50: (row["p50"] as Double?) ?? prediction, p10: row["p10"], p90: row["p90"])
            }
        } ?? []
    }

    public func latestIssues(issuedByUTC: Int64) throws -> [String: Int64] {
        try read { db in
            var result: [String: Int64] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT product, MAX(issue_time_utc) AS issue FROM \(table.qualified) WHERE issue_time_utc <= ? GROUP BY product",
                                        arguments: [UTCFormat.iso8601(issuedByUTC)]) {
                if let issue = UTCFormat.parse(row["issue"] as String) { result[row["product"]] = issue }
            }
            return result
        } ?? [:]
    }

    /// No file or no table yet means no forecasts, not an error.
    private func read<T>(_ body: (Database) throws -> T) throws -> T? {
        guard FileManager.default.fileExists(atPath: path.path) else { return nil }
        do {
            var configuration = Configuration()
            configuration.readonly = true
            configuration.busyMode = .timeout(10)
            let queue = try DatabaseQueue(path: path.path, configuration: configuration)
            return try queue.read { db in
                guard try db.tableExists(table.table) else { return nil }
                return try body(db)
            }
        } catch {
            throw MonitoringError(.forecastHistory, "cannot read forecasts from \(displayName): \(error); check sql.sqlite_path and sql.table",
                                  file: path.path, configKey: "sql.sqlite_path")
        }
    }
}
