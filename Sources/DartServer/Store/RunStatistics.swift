import DartRuns
import Foundation
import GRDB

/// Aggregates over `<data-dir>/runs.sqlite` that `RunStore` does not offer: counts for
/// pagination and metrics, last successes, the delivery backlog. Read-only; `RunStore`
/// creates and migrates the file.
public final class RunStatistics: Sendable {
    private let queue: DatabaseQueue

    /// - Parameter dataDirectory: opens `runs.sqlite` there (create it first with `RunStore`).
    public init(dataDirectory: URL) throws {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(10)
        queue = try DatabaseQueue(path: dataDirectory.appendingPathComponent("runs.sqlite").path, configuration: configuration)
    }

    public func count(job: String?, status: RunStatus?) throws -> Int {
        var sql = "SELECT COUNT(*) FROM runs WHERE 1 = 1"
        var arguments: StatementArguments = []
        if let job { sql += " AND job = ?"; arguments += [job] }
        if let status { sql += " AND status = ?"; arguments += [status.rawValue] }
        return try queue.read { db in try Int.fetchOne(db, sql: sql, arguments: arguments) ?? 0 }
    }

    public struct JobStatusCount: Hashable, Sendable {
        public var job: String
        public var status: String
        public var count: Int
    }

    public func countsByJobAndStatus() throws -> [JobStatusCount] {
        try queue.read { db in
            try Row.fetchAll(db, sql: "SELECT job, status, COUNT(*) AS n FROM runs GROUP BY job, status ORDER BY job, status").map {
                JobStatusCount(job: $0["job"], status: $0["status"], count: $0["n"])
            }
        }
    }

    /// Per job, the newest succeeded run (by finish time).
    public func lastSuccesses() throws -> [RunRecord] {
        try queue.read { db in
            try String.fetchAll(db, sql: """
                SELECT record_json FROM runs r WHERE status = 'succeeded' AND finished_at_utc = (
                    SELECT MAX(finished_at_utc) FROM runs WHERE job = r.job AND status = 'succeeded')
                GROUP BY job ORDER BY job
                """)
        }.map { try JSONDecoder().decode(RunRecord.self, from: Data($0.utf8)) }
    }

    /// The newest `limit` runs' records, for step-duration summaries.
    public func recentRecords(limit: Int) throws -> [RunRecord] {
        try queue.read { db in
            try String.fetchAll(db, sql: "SELECT record_json FROM runs ORDER BY started_at_utc DESC LIMIT ?", arguments: [limit])
        }.map { try JSONDecoder().decode(RunRecord.self, from: Data($0.utf8)) }
    }

    /// Pending deliveries by target (`objectstore`, `sql`, `notify:teams`, …).
    public func pendingDeliveriesByTarget() throws -> [String: Int] {
        try queue.read { db in
            var result: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT target, COUNT(*) AS n FROM deliveries WHERE status = 'pending' GROUP BY target") {
                result[row["target"]] = row["n"]
            }
            return result
        }
    }

    /// Published runs of `product` whose slot lies in [fromUTC, toUTC), newest slot first; for a
    /// slot run more than once, only its newest published attempt. Published: `succeeded` or
    /// `degraded`, or `interrupted` after one of its data deliveries (object store, SQL table) was
    /// delivered, since a run killed mid-publish may already have replaced the slot's partition.
    public func succeededRuns(product: String, slotFrom fromUTC: Int64, to toUTC: Int64) throws -> [(runID: String, slotUTC: Int64)] {
        try queue.read { db in
            try Row.fetchAll(db, sql: """
                WITH published AS (
                    SELECT run_id, job, slot_utc, attempt FROM runs r WHERE product = ? AND slot_utc >= ? AND slot_utc < ?
                    AND (status IN ('succeeded', 'degraded') OR (status = 'interrupted' AND EXISTS (
                        SELECT 1 FROM deliveries d WHERE d.run_id = r.run_id AND d.status = 'delivered'
                        AND d.target IN ('objectstore', 'sql')))))
                SELECT run_id, slot_utc FROM published p
                WHERE attempt = (SELECT MAX(attempt) FROM published WHERE job = p.job AND slot_utc = p.slot_utc)
                ORDER BY slot_utc DESC
                """, arguments: [product, fromUTC, toUTC]).map { ($0["run_id"], $0["slot_utc"]) }
        }
    }
}
