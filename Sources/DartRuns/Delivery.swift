import Foundation
import GRDB

public enum DeliveryStatus: String, Codable, Sendable { case pending, delivered }

/// One publish target of one run: a Parquet partition upload, a SQL upsert or a notification.
/// The payload is persisted locally first, so a failed delivery is retried from that copy.
public struct Delivery: Codable, Hashable, Sendable {
    public var deliveryID: String
    public var runID: String
    public var job: String
    public var slotUTC: Int64
    /// e.g. `objectstore`, `sql`, `notify:teams`.
    public var target: String
    /// The outbox copy (absolute; stored relative to the data directory).
    public var payloadPath: String
    public var status: DeliveryStatus
    public var attempts: Int
    public var lastError: String?
    public var createdAtUTC: Int64
    public var updatedAtUTC: Int64
    public var deliveredAtUTC: Int64?
}

extension RunStore {
    /// Records a delivery as pending. A delivery for the same (job, slot, target) from an
    /// earlier run is replaced: the newer payload supersedes it.
    public func enqueue(runID: String, job: String, slotUTC: Int64, target: String, payloadPath: String, nowUTC: Int64) throws -> Delivery {
        let delivery = Delivery(deliveryID: "\(runID):\(target)", runID: runID, job: job, slotUTC: slotUTC, target: target,
                                payloadPath: payloadPath, status: .pending, attempts: 0, lastError: nil,
                                createdAtUTC: nowUTC, updatedAtUTC: nowUTC, deliveredAtUTC: nil)
        try queue.write { db in
            try db.execute(sql: "DELETE FROM deliveries WHERE job = ? AND slot_utc = ? AND target = ?", arguments: [job, slotUTC, target])
            try db.execute(sql: """
                INSERT INTO deliveries (delivery_id, run_id, job, slot_utc, target, payload_path, status, attempts, created_at_utc, updated_at_utc)
                VALUES (?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?)
                """, arguments: [delivery.deliveryID, runID, job, slotUTC, target, paths.stored(payloadPath), nowUTC, nowUTC])
        }
        return delivery
    }

    public func markDelivered(_ deliveryID: String, nowUTC: Int64) throws {
        try queue.write { db in
            try db.execute(sql: """
                UPDATE deliveries SET status = 'delivered', attempts = attempts + 1, last_error = NULL,
                    updated_at_utc = ?, delivered_at_utc = ? WHERE delivery_id = ?
                """, arguments: [nowUTC, nowUTC, deliveryID])
        }
    }

    public func markFailed(_ deliveryID: String, error: String, nowUTC: Int64) throws {
        try queue.write { db in
            try db.execute(sql: "UPDATE deliveries SET attempts = attempts + 1, last_error = ?, updated_at_utc = ? WHERE delivery_id = ?",
                           arguments: [error, nowUTC, deliveryID])
        }
    }

    public func deliveries(runID: String? = nil, status: DeliveryStatus? = nil) throws -> [Delivery] {
        var sql = "SELECT * FROM deliveries WHERE 1 = 1"
        var arguments: StatementArguments = []
        if let runID { sql += " AND run_id = ?"; arguments += [runID] }
        if let status { sql += " AND status = ?"; arguments += [status.rawValue] }
        sql += " ORDER BY created_at_utc, delivery_id"
        return try queue.read { db in
            try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
                Delivery(deliveryID: row["delivery_id"], runID: row["run_id"], job: row["job"], slotUTC: row["slot_utc"],
                         target: row["target"], payloadPath: paths.resolved(row["payload_path"]),
                         status: DeliveryStatus(rawValue: row["status"]) ?? .pending, attempts: row["attempts"],
                         lastError: row["last_error"], createdAtUTC: row["created_at_utc"], updatedAtUTC: row["updated_at_utc"],
                         deliveredAtUTC: row["delivered_at_utc"])
            }
        }
    }
}
