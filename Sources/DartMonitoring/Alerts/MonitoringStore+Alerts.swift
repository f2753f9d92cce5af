import Foundation
import GRDB

/// What reconciling conditions with stored alerts changed.
public struct AlertChanges: Sendable, Hashable {
    /// Alerts opened by this pass.
    public var opened: [Alert] = []
    /// Alerts whose condition no longer holds, resolved by this pass.
    public var resolved: [Alert] = []
    /// Alerts that were open and still hold (updated, not re-raised).
    public var continuing: [Alert] = []
}

extension MonitoringStore {
    /// Opens an alert for each new condition, updates open alerts whose condition still holds,
    /// and resolves open alerts whose condition is gone, all in one transaction.
    /// - Parameter kinds: the kinds evaluated in this pass; open alerts of other kinds are left alone
    ///   (e.g. drift was not computed because no model is registered).
    public func reconcile(_ conditions: [AlertCondition], kinds: Set<AlertKind>, nowUTC: Int64) throws -> AlertChanges {
        try write("updating alerts") { db in
            var changes = AlertChanges()
            let open = try Self.alerts(db, sql: "SELECT * FROM alerts WHERE resolved_at_utc IS NULL")
            var openByKey = Dictionary(uniqueKeysWithValues: open.map { ("\($0.kind.rawValue)|\($0.subject)", $0) })
            for condition in conditions {
                let key = "\(condition.kind.rawValue)|\(condition.subject)"
                if var alert = openByKey.removeValue(forKey: key) {
                    try db.execute(sql: "UPDATE alerts SET value = ?, message = ?, threshold = ?, last_seen_utc = ? WHERE id = ?",
                                   arguments: [condition.value, condition.message, condition.threshold, nowUTC, alert.id])
                    alert.value = condition.value
                    alert.message = condition.message
                    alert.threshold = condition.threshold
                    alert.lastSeenUTC = nowUTC
                    changes.continuing.append(alert)
                } else {
                    try db.execute(sql: """
                        INSERT INTO alerts (kind, subject, value, threshold, message, first_seen_utc, last_seen_utc)
                        VALUES (?, ?, ?, ?, ?, ?, ?)
                        """, arguments: [condition.kind.rawValue, condition.subject, condition.value, condition.threshold,
                                         condition.message, nowUTC, nowUTC])
                    changes.opened.append(Alert(id: db.lastInsertedRowID, kind: condition.kind, subject: condition.subject,
                                                value: condition.value, threshold: condition.threshold, message: condition.message,
                                                firstSeenUTC: nowUTC, lastSeenUTC: nowUTC))
                }
            }
            for var alert in openByKey.values.sorted(by: { $0.id < $1.id }) where kinds.contains(alert.kind) {
                try db.execute(sql: "UPDATE alerts SET resolved_at_utc = ? WHERE id = ?", arguments: [nowUTC, alert.id])
                alert.resolvedAtUTC = nowUTC
                changes.resolved.append(alert)
            }
            return changes
        }
    }

    /// Open alerts, oldest first.
    public func openAlerts() throws -> [Alert] {
        try read("reading open alerts") { db in try Self.alerts(db, sql: "SELECT * FROM alerts WHERE resolved_at_utc IS NULL ORDER BY id") }
    }

    /// Every alert, newest first (at most `limit`).
    public func alerts(limit: Int = 200) throws -> [Alert] {
        try read("reading alerts") { db in
            try Self.alerts(db, sql: "SELECT * FROM alerts ORDER BY id DESC LIMIT ?", arguments: [max(0, limit)])
        }
    }

    /// Alerts whose opening or resolution notice has not gone out on every channel yet.
    public func alertsAwaitingNotice() throws -> [Alert] {
        try read("reading alerts awaiting notice") { db in
            try Self.alerts(db, sql: """
                SELECT * FROM alerts WHERE notified_at_utc IS NULL
                   OR (resolved_at_utc IS NOT NULL AND resolution_notified_at_utc IS NULL) ORDER BY id
                """)
        }
    }

    /// Channels that already took the alert's notice of this phase (`opened` or `resolved`).
    public func deliveredChannels(alertID: Int64, resolution: Bool) throws -> Set<String> {
        try read("reading alert notices") { db in
            Set(try String.fetchAll(db, sql: "SELECT channel FROM alert_notices WHERE alert_id = ? AND phase = ?",
                                    arguments: [alertID, resolution ? "resolved" : "opened"]))
        }
    }

    /// Records one channel's delivery of a notice.
    public func recordDelivery(alertID: Int64, resolution: Bool, channel: String, nowUTC: Int64) throws {
        try write("recording an alert notice") { db in
            try db.execute(sql: "INSERT OR IGNORE INTO alert_notices (alert_id, phase, channel, delivered_at_utc) VALUES (?, ?, ?, ?)",
                           arguments: [alertID, resolution ? "resolved" : "opened", channel, nowUTC])
        }
    }

    /// Records the outcome of a notice: `error` nil means every channel has it (a resolution
    /// notice also settles an opening notice that never went out).
    public func recordNotice(alertID: Int64, resolution: Bool, error: String?, nowUTC: Int64) throws {
        try write("recording an alert notice") { db in
            if let error {
                try db.execute(sql: "UPDATE alerts SET notify_error = ? WHERE id = ?", arguments: [error, alertID])
            } else if resolution {
                try db.execute(sql: """
                    UPDATE alerts SET resolution_notified_at_utc = ?, notified_at_utc = COALESCE(notified_at_utc, ?), notify_error = NULL
                    WHERE id = ?
                    """, arguments: [nowUTC, nowUTC, alertID])
            } else {
                try db.execute(sql: "UPDATE alerts SET notified_at_utc = ?, notify_error = NULL WHERE id = ?", arguments: [nowUTC, alertID])
            }
        }
    }

    static func alerts(_ db: Database, sql: String, arguments: StatementArguments = []) throws -> [Alert] {
        try Row.fetchAll(db, sql: sql, arguments: arguments).compactMap { row in
            guard let kind = AlertKind(rawValue: row["kind"]) else { return nil }
            return Alert(id: row["id"], kind: kind, subject: row["subject"], value: row["value"], threshold: row["threshold"],
                         message: row["message"], firstSeenUTC: row["first_seen_utc"], lastSeenUTC: row["last_seen_utc"],
                         resolvedAtUTC: row["resolved_at_utc"], notifiedAtUTC: row["notified_at_utc"],
                         resolutionNotifiedAtUTC: row["resolution_notified_at_utc"], notifyError: row["notify_error"])
        }
    }
}
