import DartCore
import DartFileLocks
import Foundation
import GRDB

/// Daily scores, alerts and the latest drift figures, in `<data-dir>/monitoring.sqlite`.
/// Shared by the monitoring service, `dartcast monitor` and the server (writers wait up to 10 s).
public final class MonitoringStore: @unchecked Sendable {
    let queue: DatabaseQueue
    public let path: URL

    public static func url(dataDirectory: URL) -> URL { dataDirectory.appendingPathComponent("monitoring.sqlite") }

    /// Opens (creating when needed) the store.
    /// - Throws: `MonitoringError.storage` naming the file.
    public init(path: URL) throws {
        self.path = path
        do {
            try FileManager.default.createDirectory(at: path.deletingLastPathComponent(), withIntermediateDirectories: true)
            var configuration = Configuration()
            configuration.busyMode = .timeout(10)
            queue = try DatabaseQueue(path: path.path, configuration: configuration)
            try Self.migrator().migrateUnderSchemaLock(queue, file: path)
        } catch {
            throw MonitoringError(.storage, "cannot open the monitoring store (\(error)); check that the data directory is writable",
                                  file: path.path)
        }
    }

    private static func migrator() -> DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE daily_scores (
                    day TEXT NOT NULL,                  -- operating day of the target hours
                    product TEXT NOT NULL,
                    model_family TEXT NOT NULL,
                    model_version TEXT NOT NULL,
                    row_count INTEGER NOT NULL,
                    abs_error_sum REAL NOT NULL,
                    abs_actual_sum REAL NOT NULL,
                    interval_rows INTEGER NOT NULL,
                    covered_rows INTEGER NOT NULL,
                    PRIMARY KEY (day, product, model_family, model_version)
                );
                CREATE TABLE alerts (
                    id INTEGER PRIMARY KEY,
                    kind TEXT NOT NULL,                 -- rolling_mae | worse_than_zero | feature_drift
                    subject TEXT NOT NULL,              -- product/family or product/feature
                    value REAL NOT NULL,
                    threshold REAL NOT NULL,
                    message TEXT NOT NULL,
                    first_seen_utc INTEGER NOT NULL,
                    last_seen_utc INTEGER NOT NULL,
                    resolved_at_utc INTEGER,
                    notified_at_utc INTEGER,            -- opening notice delivered on every channel
                    resolution_notified_at_utc INTEGER,
                    notify_error TEXT
                );
                CREATE TABLE alert_notices (
                    alert_id INTEGER NOT NULL REFERENCES alerts(id),
                    phase TEXT NOT NULL,                -- opened | resolved
                    channel TEXT NOT NULL,
                    delivered_at_utc INTEGER NOT NULL,
                    PRIMARY KEY (alert_id, phase, channel)
                );
                CREATE UNIQUE INDEX alerts_one_open ON alerts (kind, subject) WHERE resolved_at_utc IS NULL;
                CREATE TABLE feature_drift (
                    product TEXT NOT NULL,
                    feature TEXT NOT NULL,
                    psi REAL,                           -- NULL when either window had no values
                    as_of_utc INTEGER NOT NULL,
                    model_version TEXT NOT NULL,
                    reference_from_utc INTEGER NOT NULL,
                    reference_to_utc INTEGER NOT NULL,
                    recent_from_utc INTEGER NOT NULL,
                    reference_rows INTEGER NOT NULL,
                    recent_rows INTEGER NOT NULL,
                    PRIMARY KEY (product, feature)
                );
                """)
        }
        return migrator
    }

    func write<T>(_ what: String, _ body: (Database) throws -> T) throws -> T {
        do { return try queue.write(body) } catch {
            throw MonitoringError(.storage, "\(what) failed in the monitoring store: \(error)", file: path.path)
        }
    }

    func read<T>(_ what: String, _ body: (Database) throws -> T) throws -> T {
        do { return try queue.read(body) } catch {
            throw MonitoringError(.storage, "\(what) failed in the monitoring store: \(error)", file: path.path)
        }
    }
}

extension MonitoringStore {
    /// Inserts or replaces daily scores on (day, product, family, version). A row whose values
    /// are unchanged is not touched, so re-scoring the same data changes nothing.
    /// - Returns: rows inserted or changed.
    @discardableResult
    public func upsert(_ scores: [DailyScore]) throws -> Int {
        try write("saving daily scores") { db in
            var changed = 0
            let statement = try db.makeStatement(sql: """
                INSERT INTO daily_scores (day, product, model_family, model_version, row_count, abs_error_sum, abs_actual_sum, interval_rows, covered_rows)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (day, product, model_family, model_version) DO UPDATE SET
                    row_count = excluded.row_count, abs_error_sum = excluded.abs_error_sum, abs_actual_sum = excluded.abs_actual_sum,
                    interval_rows = excluded.interval_rows, covered_rows = excluded.covered_rows
                WHERE row_count IS NOT excluded.row_count OR abs_error_sum IS NOT excluded.abs_error_sum
                    OR abs_actual_sum IS NOT excluded.abs_actual_sum OR interval_rows IS NOT excluded.interval_rows
                    OR covered_rows IS NOT excluded.covered_rows
                """)
            for score in scores {
                try statement.execute(arguments: [score.day.description, score.product, score.family, score.version, score.rows,
                                                  score.absoluteErrorSum, score.absoluteActualSum, score.intervalRows, score.coveredRows])
                changed += db.changesCount
            }
            return changed
        }
    }

    /// Daily scores with days in `[from, through]`, by day, product, family, version.
    public func dailyScores(from: OperatingDay, through: OperatingDay) throws -> [DailyScore] {
        try read("reading daily scores") { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM daily_scores WHERE day >= ? AND day <= ? ORDER BY day, product, model_family, model_version
                """, arguments: [from.description, through.description]).compactMap { row -> DailyScore? in
                guard let day = OperatingDay(row["day"] as String) else { return nil }
                return DailyScore(day: day, product: row["product"], family: row["model_family"], version: row["model_version"],
                                  rows: row["row_count"], absoluteErrorSum: row["abs_error_sum"], absoluteActualSum: row["abs_actual_sum"],
                                  intervalRows: row["interval_rows"], coveredRows: row["covered_rows"])
            }
        }
    }

    /// The latest scored day, if any.
    public func lastScoredDay() throws -> OperatingDay? {
        try read("reading the last scored day") { db in
            try String.fetchOne(db, sql: "SELECT MAX(day) FROM daily_scores").flatMap { OperatingDay($0) }
        }
    }
}
