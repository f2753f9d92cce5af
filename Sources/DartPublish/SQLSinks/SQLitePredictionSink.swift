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
                missing_features INTEGER,
                origin TEXT NOT NULL DEFAULT 'production',
                PRIMARY KEY (issue_time_utc, target_hour_utc, settlement_point, model_family, model_version)
            )
            """)
        // Tables created before the column existed get it (NULL for their old rows).
        let columns = try Row.fetchAll(db, sql: "PRAGMA table_info(\(table.qualified))").map { $0["name"] as String }
        if !columns.contains("missing_features") {
            try db.execute(sql: "ALTER TABLE \(table.qualified) ADD COLUMN missing_features INTEGER")
        }
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
                        settlement_point, product, model_family, model_version, prediction, p10, p50, p90, run_id, created_at,
                        missing_features, origin)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (issue_time_utc, target_hour_utc, settlement_point, model_family, model_version) DO UPDATE SET
                        operating_day = excluded.operating_day, hour_ending = excluded.hour_ending, dst_flag = excluded.dst_flag,
                        product = excluded.product, prediction = excluded.prediction, p10 = excluded.p10, p50 = excluded.p50,
                        p90 = excluded.p90, run_id = excluded.run_id, created_at = excluded.created_at,
                        missing_features = excluded.missing_features, origin = excluded.origin
                    """)
                // A re-run that retrained replaces the slot's rows: other versions of the same key go.
                // Only issues that hold another version pay for the per-row delete (a first publish has none).
                let replacing = try self.issuesWithOtherVersions(rows, db: db)
                let replaced = try db.makeStatement(sql: """
                    DELETE FROM \(self.table.qualified) WHERE issue_time_utc = ? AND target_hour_utc = ? AND settlement_point = ?
                        AND model_family = ? AND model_version <> ?
                    """)
                for row in rows {
                    if replacing.contains(row.issueTimeUTC.utc) {
                        try replaced.execute(arguments: [UTCFormat.iso8601(row.issueTimeUTC.utc), UTCFormat.iso8601(row.targetHourUTC),
                                                         row.settlementPoint, row.modelFamily, row.modelVersion])
                    }
                    try statement.execute(arguments: [
                        UTCFormat.iso8601(row.issueTimeUTC.utc), UTCFormat.iso8601(row.targetHourUTC), row.operatingDay.description,
                        row.hourEnding, row.dstFlag, row.settlementPoint, row.product, row.modelFamily, row.modelVersion,
                        row.prediction, row.p10, row.p50, row.p90, runID, created, row.missingFeatures, row.origin.rawValue,
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
        let versions = Set(rows.map { RowGroup(issueUTC: $0.issueTimeUTC.utc, family: $0.modelFamily, version: $0.modelVersion) })
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

    /// `<table>_realized`: realized DART per point and hour in the forecasts' time format, and the
    /// view `<table>_vs_realized` joining each forecast to its outcome (error = prediction − dart).
    public var realizedTable: String { table.table + "_realized" }
    public var comparisonView: String { table.table + "_vs_realized" }

    /// Upserts realized DART (a corrected price replaces the old value); creates the table, the view
    /// and the indexes a forecast-vs-actual query needs.
    public func upsertRealized(_ rows: [RealizedDART]) async throws -> Int {
        do {
            try await queue.write { db in
                try self.createTable(db)
                try db.execute(sql: """
                    CREATE TABLE IF NOT EXISTS "\(self.realizedTable)" (
                        target_hour_utc TEXT NOT NULL,
                        operating_day TEXT NOT NULL,
                        hour_ending INTEGER NOT NULL,
                        dst_flag TEXT NOT NULL,
                        settlement_point TEXT NOT NULL,
                        dam REAL NOT NULL,
                        rtm REAL NOT NULL,
                        dart REAL NOT NULL,
                        PRIMARY KEY (target_hour_utc, settlement_point)
                    );
                    CREATE INDEX IF NOT EXISTS "\(self.table.table)_by_target" ON \(self.table.qualified) (target_hour_utc, settlement_point);
                    CREATE VIEW IF NOT EXISTS "\(self.comparisonView)" AS
                    SELECT p.issue_time_utc, p.target_hour_utc, p.operating_day, p.hour_ending, p.dst_flag, p.settlement_point,
                           p.product, p.model_family, p.model_version, p.prediction, p.p10, p.p50, p.p90,
                           r.dam, r.rtm, r.dart, p.prediction - r.dart AS error
                    FROM \(self.table.qualified) p
                    JOIN "\(self.realizedTable)" r ON r.target_hour_utc = p.target_hour_utc AND r.settlement_point = p.settlement_point;
                    """)
                let statement = try db.makeStatement(sql: """
                    INSERT INTO "\(self.realizedTable)" (target_hour_utc, operating_day, hour_ending, dst_flag, settlement_point, dam, rtm, dart)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (target_hour_utc, settlement_point) DO UPDATE SET dam = excluded.dam, rtm = excluded.rtm, dart = excluded.dart
                    """)
                for row in rows {
                    try statement.execute(arguments: [UTCFormat.iso8601(row.targetHourUTC), row.operatingDay.description, row.hourEnding,
                                                      row.dstFlag, row.settlementPoint, row.dam, row.rtm, row.dart])
                }
            }
        } catch {
            throw SQLSinkError(.write, "could not write realized DART to \(displayName): \(error)")
        }
        return rows.count
    }

    public func rowCount() async throws -> Int {
        try await queue.read { db in
            guard try db.tableExists(self.table.table) else { return 0 }
            return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(self.table.qualified)") ?? 0
        }
    }
}
