import DartCore
import Foundation
import GRDB

/// Predictions in an SQLite file (the embedded default). SQLite has no schemas, so only the
/// table name is used. Times are ISO-8601 UTC text (`2024-11-03T07:00:00Z`), which sorts.
public final class SQLitePredictionSink: PredictionTableSink, @unchecked Sendable {
    public let path: URL
    public let table: SQLTableName
    private let queue: DatabaseQueue

    public init(path: URL, table: String = "predictions_dart_spread") throws {
        self.path = path
        self.table = try SQLTableName(schema: nil, table: table)
        try FileManager.default.createDirectory(at: path.deletingLastPathComponent(), withIntermediateDirectories: true)
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        queue = try DatabaseQueue(path: path.path, configuration: configuration)
    }

    public var displayName: String { "sqlite://\(path.path)#\(table)" }

    func createTable(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE IF NOT EXISTS \(table.qualified) (
                issue_time_utc TEXT NOT NULL,
                target_hour_utc TEXT NOT NULL,
                operating_day TEXT NOT NULL,
                hour_ending INTEGER NOT NULL,
                dst_flag TEXT NOT NULL,
                settlement_point TEXT NOT NULL,
                product TEXT NOT NULL,
                model_family TEXT NOT NULL,
                model_version TEXT NOT NULL,
                prediction REAL NOT NULL,
                p10 REAL, p50 REAL, p90 REAL,
                run_id TEXT NOT NULL,
                created_at TEXT NOT NULL,
                origin TEXT NOT NULL DEFAULT 'production',
                PRIMARY KEY (issue_time_utc, target_hour_utc, settlement_point, model_family, model_version)
            )
            """)
        try addOriginColumnIfMissing(db)
    }

    /// Tables created before the `origin` column get it, holding `production` for their rows.
    private func addOriginColumnIfMissing(_ db: Database) throws {
        guard try !db.columns(in: table.table).contains(where: { $0.name == "origin" }) else { return }
        try db.execute(sql: "ALTER TABLE \(table.qualified) ADD COLUMN origin TEXT NOT NULL DEFAULT 'production'")
    }

    public func upsert(rows: [ForecastRow], runID: String, createdAtUTC: Int64) async throws -> Int {
        let created = UTCFormat.iso8601(createdAtUTC)
        do {
            try await queue.write { db in
                try self.createTable(db)
                let statement = try db.makeStatement(sql: """
                    INSERT INTO \(self.table.qualified) (issue_time_utc, target_hour_utc, operating_day, hour_ending, dst_flag,
                        settlement_point, product, model_family, model_version, prediction, p10, p50, p90, run_id, created_at, origin)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (issue_time_utc, target_hour_utc, settlement_point, model_family, model_version) DO UPDATE SET
                        operating_day = excluded.operating_day, hour_ending = excluded.hour_ending, dst_flag = excluded.dst_flag,
                        product = excluded.product, prediction = excluded.prediction, p10 = excluded.p10, p50 = excluded.p50,
                        p90 = excluded.p90, run_id = excluded.run_id, created_at = excluded.created_at, origin = excluded.origin
                    """)
                // A re-run that retrained replaces the slot's rows: other versions of the same key go.
                // Only issues that hold another version pay for the per-row delete (a first publish has none).
                let replacing = try self.issuesWithOtherVersions(rows, db: db)
                let replaced = try db.makeStatement(sql: """
                    DELETE FROM \(self.table.qualified) WHERE issue_time_utc = ? AND target_hour_utc = ? AND settlement_point = ?
                        AND model_family = ? AND model_version <> ?
                    """)
                for row in rows {
                    if replacing.contains(row.issueTimeUTC) {
                        try replaced.execute(arguments: [UTCFormat.iso8601(row.issueTimeUTC), UTCFormat.iso8601(row.targetHourUTC),
                                                         row.settlementPoint, row.modelFamily, row.modelVersion])
                    }
                    try statement.execute(arguments: [
                        UTCFormat.iso8601(row.issueTimeUTC), UTCFormat.iso8601(row.targetHourUTC), row.operatingDay.description,
                        row.hourEnding, row.dstFlag, row.settlementPoint, row.product, row.modelFamily, row.modelVersion,
                        row.prediction, row.p10, row.p50, row.p90, runID, created, row.origin.rawValue,
                    ])
                }
            }
        } catch {
            throw SQLSinkError(.write, "could not write predictions to \(displayName): \(error)")
        }
        return rows.count
    }

    /// Issue times of `rows` under which the table holds a row of the same family with another version.
    private func issuesWithOtherVersions(_ rows: [ForecastRow], db: Database) throws -> Set<Int64> {
        var found = Set<Int64>()
        let versions = Set(rows.map { RowGroup(issueUTC: $0.issueTimeUTC, family: $0.modelFamily, version: $0.modelVersion) })
        for group in versions where !found.contains(group.issueUTC) {
            let other = try Bool.fetchOne(db, sql: """
                SELECT EXISTS (SELECT 1 FROM \(table.qualified) WHERE issue_time_utc = ? AND model_family = ? AND model_version <> ?)
                """, arguments: [UTCFormat.iso8601(group.issueUTC), group.family, group.version]) ?? false
            if other { found.insert(group.issueUTC) }
        }
        return found
    }

    private struct RowGroup: Hashable {
        var issueUTC: Int64, family: String, version: String
    }

    public func rowCount() async throws -> Int {
        try await queue.read { db in
            guard try db.tableExists(self.table.table) else { return 0 }
            return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(self.table.qualified)") ?? 0
        }
    }
}
