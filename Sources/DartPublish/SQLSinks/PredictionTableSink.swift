import DartCore
import Foundation

/// A SQL table of predictions keyed by (issue_time_utc, target_hour_utc, settlement_point,
/// model_family, model_version). Writes upsert, in one transaction per call: all or nothing.
/// A write replaces rows of the same (issue, target, point, family) under another version, so
/// re-running a slot after a retrain leaves one row per key, as in the Parquet partition.
public protocol PredictionTableSink: Sendable {
    /// For logs and run records; never contains credentials.
    var displayName: String { get }
    /// Creates the table if needed, then upserts `rows`. Returns the number of rows written.
    func upsert(rows: [ForecastRow], runID: String, createdAtUTC: Int64) async throws -> Int
    /// Rows in the table (for checks and tests).
    func rowCount() async throws -> Int
}

public typealias SQLSinkError = CodedError<SQLSinkErrorCode>

public enum SQLSinkErrorCode: String, Sendable { case invalidTableName, unreachable, write }

/// A validated `schema.table` or `table` name (letters, digits, `_`), safe to splice into SQL.
public struct SQLTableName: Sendable, Hashable, CustomStringConvertible {
    public let schema: String?
    public let table: String

    public init(schema: String?, table: String) throws {
        for (label, part) in [("schema", schema), ("table", table)] {
            guard let part else { continue }
            guard !part.isEmpty, part.count <= 63, let first = part.unicodeScalars.first,
                  CharacterSet.letters.contains(first) || first == "_",
                  part.unicodeScalars.allSatisfy({ CharacterSet.alphanumerics.contains($0) || $0 == "_" }),
                  part.allSatisfy(\.isASCII) else {
                throw SQLSinkError(.invalidTableName, "sql.\(label) '\(part)' must be 1–63 ASCII letters, digits or _ and start with a letter or _")
            }
        }
        self.schema = schema
        self.table = table
    }

    public var qualified: String { schema.map { "\"\($0)\".\"\(table)\"" } ?? "\"\(table)\"" }
    public var description: String { schema.map { "\($0).\(table)" } ?? table }
}
