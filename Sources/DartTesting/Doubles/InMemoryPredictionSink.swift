import DartCore
import DartPublish
import Foundation

/// A prediction table in memory with the SQL sinks' key and upsert rule. Unit tests use it;
/// SQLite and PostgreSQL are tested for real in DartPublishTests.
public final class InMemoryPredictionSink: PredictionTableSink, @unchecked Sendable {
    /// The table key: (issue, target, point, family, version).
    public struct Key: Hashable, Sendable {
        public var issueUTC: Int64, targetUTC: Int64, point: String, family: String, version: String
    }

    private let lock = NSLock()
    private var table: [Key: ForecastRow] = [:]
    private var calls = 0

    public init() {}

    public var displayName: String { "memory table" }
    public var rows: [ForecastRow] { lock.withLock { Array(table.values) } }
    /// Upserts made (each one transaction in a real sink).
    public var upsertCount: Int { lock.withLock { calls } }

    public func upsert(rows: [ForecastRow], runID: String, createdAtUTC: Int64) async throws -> Int {
        lock.withLock {
            calls += 1
            for row in rows {
                // Same rule as the SQL sinks: another version of the same slot key is replaced.
                table = table.filter { key, _ in
                    !(key.issueUTC == row.issueTimeUTC.utc && key.targetUTC == row.targetHourUTC && key.point == row.settlementPoint
                      && key.family == row.modelFamily && key.version != row.modelVersion)
                }
                table[Key(issueUTC: row.issueTimeUTC.utc, targetUTC: row.targetHourUTC, point: row.settlementPoint,
                          family: row.modelFamily, version: row.modelVersion)] = row
            }
        }
        return rows.count
    }

    public func rowCount() async throws -> Int { lock.withLock { table.count } }
}
