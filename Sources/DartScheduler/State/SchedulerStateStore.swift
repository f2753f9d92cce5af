import DartFileLocks
import Foundation
import GRDB

/// The scheduler's memory across restarts, in one SQLite file (e.g. `<data-dir>/scheduler.sqlite`):
/// per job the operator's enabled switch and the catch-up cursor, and one `slot_claims` row per
/// slot ever handled.
///
/// A slot is claimed by an INSERT guarded by UNIQUE (job, kind, slot_utc): a second claim of the
/// same slot inserts nothing, so a slot runs at most once across restarts and crashes. One
/// scheduler process per file; `recoverUnfinished` assumes no other process is running it.
public final class SchedulerStateStore: Sendable {
    public let path: String
    private let queue: DatabaseQueue

    /// Opens (creating if needed) the state file and brings its tables up to date.
    /// - Throws: `SchedulerError.stateStore` when the directory or file cannot be created or read.
    public init(path: String) throws(SchedulerError) {
        self.path = path
        do {
            let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            var configuration = Configuration()
            configuration.busyMode = .timeout(10)
            queue = try DatabaseQueue(path: path, configuration: configuration)
            try Self.migrator().migrateUnderSchemaLock(queue, file: URL(fileURLWithPath: path))
        } catch {
            throw SchedulerError(.stateStore, path: path,
                                 message: "cannot open the scheduler state file (\(error)); check that the data directory exists and is writable")
        }
    }

    private static func migrator() -> DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE scheduler_jobs (
                    job TEXT PRIMARY KEY,
                    enabled INTEGER NOT NULL DEFAULT 1,
                    last_slot_utc INTEGER,          -- latest scheduled slot claimed or skipped
                    updated_at_utc INTEGER NOT NULL
                );
                CREATE TABLE slot_claims (
                    id INTEGER PRIMARY KEY,
                    job TEXT NOT NULL,
                    slot_utc INTEGER NOT NULL,
                    kind TEXT NOT NULL,             -- scheduled | manual
                    status TEXT NOT NULL,           -- claimed | running | succeeded | failed | skipped | interrupted
                    attempts INTEGER NOT NULL DEFAULT 0,
                    reason TEXT,                    -- skip reason or last error
                    claimed_at_utc INTEGER NOT NULL,
                    started_at_utc INTEGER,
                    finished_at_utc INTEGER,
                    deadline_alerted INTEGER NOT NULL DEFAULT 0,
                    UNIQUE (job, kind, slot_utc)
                );
                CREATE INDEX slot_claims_status ON slot_claims (status);
                """)
        }
        return migrator
    }

    // MARK: Jobs

    /// The job's persisted state, or nil when the scheduler has never seen it.
    public func jobState(_ job: String) throws(SchedulerError) -> JobState? {
        try read("read job \(job)") { db in
            try Row.fetchOne(db, sql: "SELECT job, enabled, last_slot_utc FROM scheduler_jobs WHERE job = ?", arguments: [job])
                .map { JobState(job: $0["job"], enabled: $0["enabled"], lastSlotUTC: $0["last_slot_utc"]) }
        }
    }

    /// Turns the operator switch on or off. Enabling a disabled job moves its cursor to `nowUTC`
    /// so the slots it slept through while disabled are not caught up.
    public func setEnabled(job: String, enabled: Bool, nowUTC: Int64) throws(SchedulerError) {
        try write("set job \(job) enabled=\(enabled)") { db in
            let wasEnabled = try Bool.fetchOne(db, sql: "SELECT enabled FROM scheduler_jobs WHERE job = ?", arguments: [job])
            try db.execute(sql: """
                INSERT INTO scheduler_jobs (job, enabled, last_slot_utc, updated_at_utc) VALUES (?, ?, NULL, ?)
                ON CONFLICT (job) DO UPDATE SET enabled = excluded.enabled, updated_at_utc = excluded.updated_at_utc
                """, arguments: [job, enabled, nowUTC])
            if enabled && wasEnabled == false {
                try db.execute(sql: "UPDATE scheduler_jobs SET last_slot_utc = MAX(COALESCE(last_slot_utc, ?), ?) WHERE job = ?",
                               arguments: [nowUTC, nowUTC, job])
            }
        }
    }

    // MARK: Claims

    /// Records a catch-up decision in one transaction: `skipped` slots as skipped rows, `toRun`
    /// slots as claims, and moves the job's cursor to `cursorUTC`.
    /// - Returns: claims actually inserted for `toRun`, by slot; a slot already claimed (say by a
    ///   process that crashed after claiming it) is left out and never runs again.
    public func recordPlan(job: String, skipped: [(slotUTC: Int64, reason: SkipReason)], toRun: [Int64],
                           cursorUTC: Int64, nowUTC: Int64) throws(SchedulerError) -> [(slotUTC: Int64, claimID: Int64)] {
        try write("record slots of \(job)") { db in
            for (slot, reason) in skipped {
                try db.execute(sql: """
                    INSERT INTO slot_claims (job, slot_utc, kind, status, reason, claimed_at_utc, finished_at_utc)
                    VALUES (?, ?, 'scheduled', 'skipped', ?, ?, ?) ON CONFLICT DO NOTHING
                    """, arguments: [job, slot, reason.rawValue, nowUTC, nowUTC])
            }
            var claimed: [(slotUTC: Int64, claimID: Int64)] = []
            for slot in toRun {
                if let id = try Self.insertClaim(db, job: job, slotUTC: slot, kind: .scheduled, nowUTC: nowUTC) {
                    claimed.append((slot, id))
                }
            }
            try db.execute(sql: """
                INSERT INTO scheduler_jobs (job, enabled, last_slot_utc, updated_at_utc) VALUES (?, 1, ?, ?)
                ON CONFLICT (job) DO UPDATE SET last_slot_utc = MAX(COALESCE(last_slot_utc, excluded.last_slot_utc), excluded.last_slot_utc),
                    updated_at_utc = excluded.updated_at_utc
                """, arguments: [job, cursorUTC, nowUTC])
            return claimed
        }
    }

    /// Claims one slot. Returns the claim's id, or nil when that slot was already claimed.
    public func claim(job: String, slotUTC: Int64, kind: SlotKind, nowUTC: Int64) throws(SchedulerError) -> Int64? {
        try write("claim \(job) slot \(slotUTC)") { db in
            try Self.insertClaim(db, job: job, slotUTC: slotUTC, kind: kind, nowUTC: nowUTC)
        }
    }

    private static func insertClaim(_ db: Database, job: String, slotUTC: Int64, kind: SlotKind, nowUTC: Int64) throws -> Int64? {
        try db.execute(sql: """
            INSERT INTO slot_claims (job, slot_utc, kind, status, claimed_at_utc) VALUES (?, ?, ?, 'claimed', ?)
            ON CONFLICT DO NOTHING
            """, arguments: [job, slotUTC, kind.rawValue, nowUTC])
        return db.changesCount == 1 ? db.lastInsertedRowID : nil
    }

    /// Marks the start of attempt `attempt` of a claim.
    public func markAttemptStarted(claimID: Int64, attempt: Int, nowUTC: Int64) throws(SchedulerError) {
        try write("start attempt \(attempt) of claim \(claimID)") { db in
            try db.execute(sql: """
                UPDATE slot_claims SET status = 'running', attempts = ?, started_at_utc = COALESCE(started_at_utc, ?)
                WHERE id = ?
                """, arguments: [attempt, nowUTC, claimID])
        }
    }

    /// Records how a claim ended (succeeded, failed, skipped, interrupted) with an optional reason.
    public func markFinished(claimID: Int64, status: SlotStatus, reason: String?, nowUTC: Int64) throws(SchedulerError) {
        try write("finish claim \(claimID)") { db in
            try db.execute(sql: "UPDATE slot_claims SET status = ?, reason = ?, finished_at_utc = ? WHERE id = ?",
                           arguments: [status.rawValue, reason, nowUTC, claimID])
        }
    }

    /// Notes that the deadline alert is going out. Returns false when it already went out or the
    /// claim has finished (so a run ending at its deadline does not alert).
    public func markDeadlineAlerted(claimID: Int64) throws(SchedulerError) -> Bool {
        try write("note deadline alert of claim \(claimID)") { db in
            try db.execute(sql: """
                UPDATE slot_claims SET deadline_alerted = 1
                WHERE id = ? AND deadline_alerted = 0 AND status IN ('claimed', 'running')
                """, arguments: [claimID])
            return db.changesCount == 1
        }
    }

    /// Marks claims left `claimed` or `running` by a previous process as `interrupted` (they are
    /// not re-run) and returns them. Call once when the scheduler starts.
    public func recoverUnfinished(nowUTC: Int64) throws(SchedulerError) -> [SlotClaim] {
        try write("recover unfinished claims") { db in
            let unfinished = try Self.fetchClaims(db, whereClause: "status IN ('claimed', 'running')", arguments: [])
            try db.execute(sql: """
                UPDATE slot_claims SET status = 'interrupted', reason = 'process stopped before the run finished',
                    finished_at_utc = ? WHERE status IN ('claimed', 'running')
                """, arguments: [nowUTC])
            return unfinished
        }
    }

    /// Claims, oldest slot first; all jobs when `job` is nil.
    public func claims(job: String? = nil) throws(SchedulerError) -> [SlotClaim] {
        try read("read claims") { db in
            if let job { return try Self.fetchClaims(db, whereClause: "job = ?", arguments: [job]) }
            return try Self.fetchClaims(db, whereClause: "1", arguments: [])
        }
    }

    private static func fetchClaims(_ db: Database, whereClause: String, arguments: StatementArguments) throws -> [SlotClaim] {
        try Row.fetchAll(db, sql: """
            SELECT id, job, slot_utc, kind, status, attempts, reason, claimed_at_utc, started_at_utc, finished_at_utc, deadline_alerted
            FROM slot_claims WHERE \(whereClause) ORDER BY slot_utc, id
            """, arguments: arguments).map { row in
            SlotClaim(id: row["id"], job: row["job"], slotUTC: row["slot_utc"],
                      kind: SlotKind(rawValue: row["kind"]) ?? .scheduled,
                      status: SlotStatus(rawValue: row["status"]) ?? .interrupted,
                      attempts: row["attempts"], reason: row["reason"], claimedAtUTC: row["claimed_at_utc"],
                      startedAtUTC: row["started_at_utc"], finishedAtUTC: row["finished_at_utc"],
                      deadlineAlerted: row["deadline_alerted"])
        }
    }

    // MARK: Access

    private func read<T>(_ what: String, _ body: (Database) throws -> T) throws(SchedulerError) -> T {
        do { return try queue.read(body) } catch { throw storeError(what, error) }
    }

    private func write<T>(_ what: String, _ body: (Database) throws -> T) throws(SchedulerError) -> T {
        do { return try queue.write(body) } catch { throw storeError(what, error) }
    }

    private func storeError(_ what: String, _ error: any Error) -> SchedulerError {
        SchedulerError(.stateStore, path: path,
                       message: "cannot \(what) (\(error)); check the disk and that no other process holds the file")
    }
}
