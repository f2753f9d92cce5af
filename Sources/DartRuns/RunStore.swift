import DartCore
import DartData
import DartFileLocks
import Foundation
import GRDB

public typealias RunStoreError = CodedError<RunStoreErrorCode>

public enum RunStoreErrorCode: String, Sendable { case notFound, storage }

/// Run records and the publish outbox, in `<data-dir>/runs.sqlite`.
///
/// Paths of files inside the data directory (run logs, outbox copies) are stored relative to
/// it and resolved against the directory this store was opened with, so a data directory can be
/// moved or restored elsewhere. Opening the store marks `running` records whose process is gone
/// (their `run.lock` is free) as `interrupted`.
public final class RunStore: @unchecked Sendable {
    let queue: DatabaseQueue
    public let directory: URL
    /// Runs found abandoned (their process gone) and marked `interrupted` when this store was opened.
    public private(set) var interruptedAtOpen: [String] = []
    public static let fileName = "runs.sqlite"

    /// Opens (creating when needed) `<directory>/runs.sqlite`, then marks abandoned runs interrupted.
    /// - Parameter now: stamps `finishedAtUTC` of runs found abandoned.
    public init(directory: URL, now: @Sendable () -> Date = { Date() }) throws {
        self.directory = directory
        queue = try SharedSQLiteFile.open(directory: directory, file: Self.fileName)
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
        let paths = DataDirectoryPaths(directory: directory)
        migrator.registerMigration("v2-relative-paths") { db in try paths.migrate(db) }
        try migrator.migrateUnderSchemaLock(queue, file: directory.appendingPathComponent(Self.fileName))
        interruptedAtOpen = try reapAbandonedRuns(nowUTC: Int64(now().timeIntervalSince1970))
    }

    var paths: DataDirectoryPaths { DataDirectoryPaths(directory: directory) }

    /// The next attempt number for (job, slot).
    public func nextAttempt(job: String, slotUTC: Int64) throws -> Int {
        try queue.read { db in
            (try Int.fetchOne(db, sql: "SELECT MAX(attempt) FROM runs WHERE job = ? AND slot_utc = ?", arguments: [job, slotUTC]) ?? 0) + 1
        }
    }

    /// Inserts or replaces a run record (by run_id).
    public func save(_ record: RunRecord) throws {
        try queue.write { db in try save(record, in: db) }
    }

    private func save(_ record: RunRecord, in db: Database) throws {
        let json = try encode(record)
        try db.execute(sql: """
            INSERT INTO runs (run_id, job, slot_utc, attempt, product, status, started_at_utc, finished_at_utc, record_json)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (run_id) DO UPDATE SET status = excluded.status, finished_at_utc = excluded.finished_at_utc,
                record_json = excluded.record_json
            """, arguments: [record.runID, record.job, record.slotUTC, record.attempt, record.product,
                             record.status.rawValue, record.startedAtUTC, record.finishedAtUTC, json])
    }

    /// The record's JSON as stored: paths inside the data directory relative to it.
    private func encode(_ record: RunRecord) throws -> String {
        var stored = record
        stored.logPath = record.logPath.map(paths.stored)
        return String(decoding: try JSONEncoder().encode(stored), as: UTF8.self)
    }

    /// A stored record with its paths resolved against this data directory.
    func decode(_ json: String) throws -> RunRecord {
        var record = try JSONDecoder().decode(RunRecord.self, from: Data(json.utf8))
        record.logPath = record.logPath.map(paths.resolved)
        return record
    }

    /// Inserts a new run record unless its run id or its (job, slot, attempt) is taken.
    /// - Returns: false when another run claimed them first (take the next attempt).
    public func insertNew(_ record: RunRecord) throws -> Bool {
        let json = try encode(record)
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
        return try decode(json)
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
        return try rows.map(decode)
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

    /// Marks as interrupted the `running` runs of this process (a drain that could not finish)
    /// and those whose process is gone.
    /// - Parameter job: only that job's runs of this process (a backfill recovers its own, not a concurrent production run).
    /// - Returns: the run ids marked.
    @discardableResult
    public func markRunningAsInterrupted(nowUTC: Int64, reason: String, job: String? = nil) throws -> [String] {
        var marked: [String] = []
        for record in try runs(job: job, status: .running, limit: 1000) where record.owner == ProcessIdentity.current {
            if try markInterrupted(record.runID, nowUTC: nowUTC, reason: reason) { marked.append(record.runID) }
        }
        return marked + (try reapAbandonedRuns(nowUTC: nowUTC))
    }

    /// Marks `running` runs whose process is gone as `interrupted`: their `run.lock` is free (or
    /// missing: a record from before run locks). A run whose lock is held is left alone, whoever
    /// holds it; each run is re-read under its lock, so a run that finished meanwhile keeps its status.
    /// - Returns: the run ids marked.
    @discardableResult
    public func reapAbandonedRuns(nowUTC: Int64) throws -> [String] {
        var marked: [String] = []
        for record in try runs(status: .running, limit: 1000) {
            let held: RunLock?
            switch RunLock.probe(dataDirectory: directory, runID: record.runID) {
            case .held: continue
            case .free(let lock): held = lock
            case .missing: held = nil
            }
            defer { held?.release() }
            let owner = record.owner.map { "its process (\($0.description))" } ?? "its process"
            let lock = held == nil ? "it has no run.lock (written by an older dartcast)" : "its run.lock is free"
            let reason = "interrupted: \(owner) ended before the run finished (killed or crashed; \(lock)); found \(UTCFormat.iso8601(nowUTC))"
            if try markInterrupted(record.runID, nowUTC: nowUTC, reason: reason) { marked.append(record.runID) }
        }
        return marked
    }

    /// Sets a still-running record to `interrupted`: running steps failed, pending ones skipped.
    /// - Returns: false when the record is no longer `running`.
    private func markInterrupted(_ runID: String, nowUTC: Int64, reason: String) throws -> Bool {
        try queue.write { db in
            guard let json = try String.fetchOne(db, sql: "SELECT record_json FROM runs WHERE run_id = ?", arguments: [runID]) else {
                return false
            }
            var record = try decode(json)
            guard record.status == .running else { return false }
            record.status = .interrupted
            record.finishedAtUTC = nowUTC
            record.error = reason
            for index in record.steps.indices {
                switch record.steps[index].status {
                case .running:
                    record.steps[index].status = .failed
                    record.steps[index].error = reason
                case .pending:
                    record.steps[index].status = .skipped
                    record.steps[index].detail["reason"] = "the run was interrupted"
                default: break
                }
            }
            try save(record, in: db)
            return true
        }
    }
}
