import DartData
import DartCore
import Foundation
import GRDB

public typealias RunStoreError = CodedError<RunStoreErrorCode>

public enum RunStoreErrorCode: String, Sendable { case notFound, storage }

/// Run records and the publish outbox, in `<data-dir>/runs.sqlite`.
public final class RunStore: @unchecked Sendable {
    let queue: DatabaseQueue
    public let directory: URL

    public init(directory: URL) throws {
        self.directory = directory
        queue = try SharedSQLiteFile.open(directory: directory, file: "runs.sqlite")
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE runs (
                    run_id TEXT PRIMARY KEY,
                    job TEXT NOT NULL,
                    slot_utc INTEGER NOT NULL,
                    attempt INTEGER NOT NULL,
                    product TEXT NOT NULL,
                    status TEXT NOT NULL,
                    started_at_utc INTEGER NOT NULL,
                    finished_at_utc INTEGER,
                    record_json TEXT NOT NULL,
                    UNIQUE (job, slot_utc, attempt)
                );
                CREATE INDEX runs_started ON runs (started_at_utc);
                CREATE TABLE deliveries (
                    delivery_id TEXT PRIMARY KEY,
                    run_id TEXT NOT NULL,
                    job TEXT NOT NULL,
                    slot_utc INTEGER NOT NULL,
                    target TEXT NOT NULL,
                    payload_path TEXT NOT NULL,
                    status TEXT NOT NULL,
                    attempts INTEGER NOT NULL DEFAULT 0,
                    last_error TEXT,
                    created_at_utc INTEGER NOT NULL,
                    updated_at_utc INTEGER NOT NULL,
                    delivered_at_utc INTEGER,
                    UNIQUE (job, slot_utc, target)
                );
                """)
        }
        try migrator.migrate(queue)
    }

    /// The next attempt number for (job, slot).
    public func nextAttempt(job: String, slotUTC: Int64) throws -> Int {
        try queue.read { db in
            (try Int.fetchOne(db, sql: "SELECT MAX(attempt) FROM runs WHERE job = ? AND slot_utc = ?", arguments: [job, slotUTC]) ?? 0) + 1
        }
    }

    /// Inserts or replaces a run record (by run_id).
    public func save(_ record: RunRecord) throws {
        let json = String(decoding: try JSONEncoder().encode(record), as: UTF8.self)
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO runs (run_id, job, slot_utc, attempt, product, status, started_at_utc, finished_at_utc, record_json)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (run_id) DO UPDATE SET status = excluded.status, finished_at_utc = excluded.finished_at_utc,
                    record_json = excluded.record_json
                """, arguments: [record.runID, record.job, record.slotUTC, record.attempt, record.product,
                                 record.status.rawValue, record.startedAtUTC, record.finishedAtUTC, json])
        }
    }

    /// Inserts a new run record unless its run id or its (job, slot, attempt) is taken.
    /// - Returns: false when another run claimed them first (take the next attempt).
    public func insertNew(_ record: RunRecord) throws -> Bool {
        let json = String(decoding: try JSONEncoder().encode(record), as: UTF8.self)
        return try queue.write { db in
            try db.execute(sql: """
                INSERT OR IGNORE INTO runs (run_id, job, slot_utc, attempt, product, status, started_at_utc, finished_at_utc, record_json)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [record.runID, record.job, record.slotUTC, record.attempt, record.product,
                                 record.status.rawValue, record.startedAtUTC, record.finishedAtUTC, json])
            return db.changesCount > 0
        }
    }

    public func run(_ runID: String) throws -> RunRecord {
        guard let json = try queue.read({ db in
            try String.fetchOne(db, sql: "SELECT record_json FROM runs WHERE run_id = ?", arguments: [runID])
        }) else {
            throw RunStoreError(.notFound, "no run '\(runID)'; `dartcast runs list` shows the run ids")
        }
        return try JSONDecoder().decode(RunRecord.self, from: Data(json.utf8))
    }

    /// Most recent first. `limit` is capped at 1,000.
    public func runs(job: String? = nil, status: RunStatus? = nil, limit: Int = 50, offset: Int = 0) throws -> [RunRecord] {
        var sql = "SELECT record_json FROM runs WHERE 1 = 1"
        var arguments: StatementArguments = []
        if let job { sql += " AND job = ?"; arguments += [job] }
        if let status { sql += " AND status = ?"; arguments += [status.rawValue] }
        sql += " ORDER BY started_at_utc DESC, run_id DESC LIMIT ? OFFSET ?"
        arguments += [min(max(limit, 0), 1000), max(offset, 0)]
        let rows = try queue.read { db in try String.fetchAll(db, sql: sql, arguments: arguments) }
        return try rows.map { try JSONDecoder().decode(RunRecord.self, from: Data($0.utf8)) }
    }

    /// Every run of a product whose slot is in `[slotFromUTC, slotThroughUTC]`, any job and status, by slot then attempt
    /// (`dartcast backfill` finds what production and earlier backfills did for its issue times).
    public func runs(product: String, slotFromUTC: Int64, slotThroughUTC: Int64) throws -> [RunRecord] {
        let rows = try queue.read { db in
            try String.fetchAll(db, sql: """
                SELECT record_json FROM runs WHERE product = ? AND slot_utc BETWEEN ? AND ? ORDER BY slot_utc, attempt, run_id
                """, arguments: [product, slotFromUTC, slotThroughUTC])
        }
        return try rows.map { try JSONDecoder().decode(RunRecord.self, from: Data($0.utf8)) }
    }

    /// Marks runs still `running` as interrupted (after a crash or a drain that could not finish).
    /// - Parameter job: only that job's runs (a backfill recovers its own, not a concurrent production run).
    @discardableResult
    public func markRunningAsInterrupted(nowUTC: Int64, reason: String, job: String? = nil) throws -> [String] {
        let running = try runs(job: job, status: .running, limit: 1000)
        for var record in running {
            record.status = .interrupted
            record.finishedAtUTC = nowUTC
            record.error = reason
            for index in record.steps.indices where record.steps[index].status == .running {
                record.steps[index].status = .failed
                record.steps[index].error = reason
            }
            try save(record)
        }
        return running.map(\.runID)
    }
}
