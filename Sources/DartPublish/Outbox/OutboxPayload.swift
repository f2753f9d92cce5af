import DartCore
import Foundation

/// What one run publishes, persisted under `<data-dir>/outbox/<run_id>/` before any delivery:
/// `predictions.parquet` (when the run forecast anything) and `payload.json` (identity and the
/// notification). Every delivery, first try or retry, reads from this copy.
public struct OutboxPayload: Codable, Hashable, Sendable {
    public var runID: String
    public var job: String
    public var slotUTC: Int64
    public var product: String
    public var issueUTC: Int64
    public var createdAtUTC: Int64
    /// Rows in `predictions.parquet`; 0 when the run produced none (a failure notice).
    public var rowCount: Int
    public var notification: RunNotification

    public static let predictionsFile = "predictions.parquet"
    public static let payloadFile = "payload.json"

    public init(runID: String, job: String, slotUTC: Int64, product: String, issueUTC: Int64, createdAtUTC: Int64,
                rowCount: Int, notification: RunNotification) {
        self.runID = runID
        self.job = job
        self.slotUTC = slotUTC
        self.product = product
        self.issueUTC = issueUTC
        self.createdAtUTC = createdAtUTC
        self.rowCount = rowCount
        self.notification = notification
    }

    public static func directory(dataDirectory: URL, runID: String) -> URL {
        dataDirectory.appendingPathComponent("outbox").appendingPathComponent(runID)
    }

    /// Writes the rows (if any) and the payload into `directory`, replacing an earlier copy.
    public func persist(rows: [ForecastRow], in directory: URL) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        if !rows.isEmpty {
            try ParquetCodec.write(PredictionsParquet.table(rows: rows, runID: runID, createdAtUTC: createdAtUTC),
                                   to: directory.appendingPathComponent(Self.predictionsFile))
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(self).write(to: directory.appendingPathComponent(Self.payloadFile), options: .atomic)
    }

    public static func load(from directory: URL) throws -> OutboxPayload {
        let url = directory.appendingPathComponent(payloadFile)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw OutboxError(.delivery, "the outbox copy \(url.path) is missing; the delivery cannot be retried (re-run the job for that slot)")
        }
        return try JSONDecoder().decode(OutboxPayload.self, from: data)
    }

    /// The forecast rows of the local copy.
    public func rows(in directory: URL) throws -> [ForecastRow] {
        guard rowCount > 0 else { return [] }
        return try PredictionsParquet.rows(from: try ParquetCodec.read(directory.appendingPathComponent(Self.predictionsFile)))
    }
}
