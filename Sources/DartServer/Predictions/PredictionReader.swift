import DartPublish
import DartCore
import Foundation

/// Reads published forecasts for `GET /api/predictions` from the runs' local outbox copies
/// (`<data-dir>/outbox/<run_id>/predictions.parquet`), found through the run store.
///
/// Why the outbox: it is written by every publishing run before any delivery, whatever the
/// object store (file, S3, Azure) and whether the SQL sink is on, so it is always present
/// locally. Decoded files are cached by run (a run's copy does not change), so a repeated
/// query costs one indexed SQLite lookup and an in-memory filter.
public final class PredictionReader: @unchecked Sendable {
    /// A forecast is issued at most this long before the hours it covers (day-ahead: D−1 05:00
    /// for hours up to the end of D, 43 h), so runs slotted this long before `from` are read.
    static let longestLead: Int64 = 48 * 3600

    private let dataDirectory: URL
    private let statistics: RunStatistics
    private let lock = NSLock()
    private var cache: [String: [ForecastRow]] = [:]
    private var cacheOrder: [String] = []
    private let cacheCapacity: Int

    public init(dataDirectory: URL, statistics: RunStatistics, cacheCapacity: Int = 512) {
        self.dataDirectory = dataDirectory
        self.statistics = statistics
        self.cacheCapacity = cacheCapacity
    }

    public struct Query: Hashable, Sendable {
        public var product: ForecastProduct
        public var fromUTC: Int64
        public var toUTC: Int64
        public var point: String?
        public var modelFamily: String?
        public var limit: Int
    }

    public struct Match: Sendable {
        public var row: ForecastRow
        public var runID: String
    }

    /// For each (point, delivery hour, model family) in [from, to), the forecast from the latest
    /// issue; sorted by delivery hour, point, family. Returns at most `limit` rows and whether more matched.
    public func read(_ query: Query) throws -> (matches: [Match], truncated: Bool) {
        try read(query, runs: try runs(for: query))
    }

    /// The runs whose forecasts can cover the query's hours, newest slot first; they identify
    /// the answer (it changes only when this list does).
    public func runs(for query: Query) throws -> [(runID: String, slotUTC: Int64)] {
        try statistics.succeededRuns(product: query.product.rawValue, slotFrom: query.fromUTC - Self.longestLead, to: query.toUTC)
    }

    public func read(_ query: Query, runs: [(runID: String, slotUTC: Int64)]) throws -> (matches: [Match], truncated: Bool) {
        var latest: [String: Match] = [:]
        for run in runs {
            for row in try rows(runID: run.runID) where row.targetHourUTC >= query.fromUTC && row.targetHourUTC < query.toUTC {
                if let point = query.point, row.settlementPoint != point { continue }
                if let family = query.modelFamily, row.modelFamily != family { continue }
                let key = "\(row.settlementPoint)|\(row.targetHourUTC)|\(row.modelFamily)"
                if let kept = latest[key], kept.row.issueTimeUTC >= row.issueTimeUTC { continue }
                latest[key] = Match(row: row, runID: run.runID)
            }
        }
        let sorted = latest.values.sorted {
            ($0.row.targetHourUTC, $0.row.settlementPoint, $0.row.modelFamily) < ($1.row.targetHourUTC, $1.row.settlementPoint, $1.row.modelFamily)
        }
        return (Array(sorted.prefix(query.limit)), sorted.count > query.limit)
    }

    private func rows(runID: String) throws -> [ForecastRow] {
        if let cached = lock.withLock({ cache[runID] }) { return cached }
        let directory = OutboxPayload.directory(dataDirectory: dataDirectory, runID: runID)
        guard FileManager.default.fileExists(atPath: directory.appendingPathComponent(OutboxPayload.payloadFile).path) else { return [] }
        let rows = try OutboxPayload.load(from: directory).rows(in: directory)
        lock.withLock {
            if cache[runID] == nil {
                cache[runID] = rows
                cacheOrder.append(runID)
                if cacheOrder.count > cacheCapacity { cache[cacheOrder.removeFirst()] = nil }
            }
        }
        return rows
    }
}
