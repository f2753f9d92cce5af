import Foundation

/// One place a run's output goes. `name` is the delivery's target key in the outbox
/// (`objectstore`, `sql`, `notify:<channel>`); delivering reads the run's local outbox copy.
public protocol PublishTarget: Sendable {
    var name: String { get }
    /// For logs, run records and dry runs; never contains credentials.
    var displayName: String { get }
    /// Delivers the payload; re-delivering the same payload replaces, never duplicates.
    /// - Returns: a short fact for the record (rows written, partition).
    func deliver(_ payload: OutboxPayload, from directory: URL) async throws -> String
}

/// The run's forecasts as a manifested Parquet partition (replaced on re-publish).
struct PartitionTarget: PublishTarget {
    let publisher: PartitionPublisher
    var name: String { PublishTargetName.objectStore }
    var displayName: String { publisher.store.displayName }

    func deliver(_ payload: OutboxPayload, from directory: URL) async throws -> String {
        let manifest = try await publisher.publish(rows: try payload.rows(in: directory), product: payload.product,
                                                   issueUTC: payload.issueUTC, runID: payload.runID, createdAtUTC: payload.createdAtUTC)
        return "\(manifest.rows) rows in \(manifest.partition)"
    }
}

/// The run's forecasts upserted into the SQL table on their key.
struct SQLTableTarget: PublishTarget {
    let sink: any PredictionTableSink
    var name: String { PublishTargetName.sql }
    var displayName: String { sink.displayName }

    func deliver(_ payload: OutboxPayload, from directory: URL) async throws -> String {
        let written = try await sink.upsert(rows: try payload.rows(in: directory), runID: payload.runID, createdAtUTC: payload.createdAtUTC)
        return "\(written) rows upserted"
    }
}

/// The run's notification through one channel.
struct NotifierTarget: PublishTarget {
    let notifier: any Notifier
    var name: String { PublishTargetName.notify(notifier.channel) }
    var displayName: String { "\(notifier.channel) notification" }

    func deliver(_ payload: OutboxPayload, from directory: URL) async throws -> String {
        try await notifier.send(payload.notification)
        return "sent"
    }
}

/// Target keys as stored in the outbox.
public enum PublishTargetName {
    public static let objectStore = "objectstore"
    public static let sql = "sql"
    public static func notify(_ channel: String) -> String { "notify:\(channel)" }

    /// True for targets that carry the forecast rows (they need a payload with rows).
    public static func carriesRows(_ name: String) -> Bool { name == objectStore || name == sql }
}
