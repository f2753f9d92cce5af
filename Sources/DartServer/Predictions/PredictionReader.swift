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
        /// Only rows of this issue (`from=latest`).
        public var issueUTC: Int64?
        /// Only rows after this position (`cursor`).
        public var after: Position?
    }

    /// Where a row sits in the answer's order: (delivery hour, point, family). The answer is
    /// sorted by it and holds one row per position, so "rows after the last one sent" pages
    /// without gaps or repeats.
    public struct Position: Hashable, Sendable, Comparable {
        public var targetHourUTC: Int64
        public var settlementPoint: String
        public var modelFamily: String

        public init(_ row: ForecastRow) {
            self.init(targetHourUTC: row.targetHourUTC, settlementPoint: row.settlementPoint, modelFamily: row.modelFamily)
        }

        public init(targetHourUTC: Int64, settlementPoint: String, modelFamily: String) {
            self.targetHourUTC = targetHourUTC
            self.settlementPoint = settlementPoint
            self.modelFamily = modelFamily
        }

        public static func < (a: Position, b: Position) -> Bool {
            (a.targetHourUTC, a.settlementPoint, a.modelFamily) < (b.targetHourUTC, b.settlementPoint, b.modelFamily)
        }
    }

    public struct Match: Sendable {
        public var row: ForecastRow
        public var runID: String
    }

    /// For each (point, delivery hour, model family) in [from, to), the forecast from the latest
    /// issue (or from `issueUTC` only); sorted by `Position`, after `after`. Returns at most
    /// `limit` rows and whether more matched.
    public func read(_ query: Query) throws -> (matches: [Match], truncated: Bool) {
        try read(query, runs: try runs(for: query))
    }

    /// The runs whose forecasts can cover the query's hours, newest slot first; they identify
    /// the answer (it changes only when this list does).
    public func runs(for query: Query) throws -> [(runID: String, slotUTC: Int64)] {
        try statistics.succeededRuns(product: query.product.rawValue, slotFrom: query.fromUTC - Self.longestLead, to: query.toUTC)
    }

    public func read(_ query: Query, runs: [(runID: String, slotUTC: Int64)]) throws -> (matches: [Match], truncated: Bool) {
        var latest: [Position: Match] = [:]
        for run in runs {
            for row in try rows(runID: run.runID) where row.targetHourUTC >= query.fromUTC && row.targetHourUTC < query.toUTC {
                if let point = query.point, row.settlementPoint != point { continue }
                if let family = query.modelFamily, row.modelFamily != family { continue }
                if let issue = query.issueUTC, row.issueTimeUTC.utc != issue { continue }
                let position = Position(row)
                if let after = query.after, position <= after { continue }
                if let kept = latest[position], kept.row.issueTimeUTC >= row.issueTimeUTC { continue }
                latest[position] = Match(row: row, runID: run.runID)
            }
        }
        let sorted = latest.sorted { $0.key < $1.key }.map(\.value)
        return (Array(sorted.prefix(query.limit)), sorted.count > query.limit)
    }

    /// The latest published issue of `product` (or the issue at `pinnedUTC`): its issue time and
    /// the delivery hours it covers, from the newest published run (by slot) that has its rows;
    /// nil when there is none.
    public func latestIssue(product: ForecastProduct, pinnedUTC: Int64? = nil) throws -> (issueUTC: Int64, fromUTC: Int64, toUTC: Int64)? {
        for run in try statistics.succeededRuns(product: product.rawValue, slotFrom: Int64.min, to: Int64.max) {
            let published = try rows(runID: run.runID)
            guard let issue = pinnedUTC ?? published.map(\.issueTimeUTC.utc).max() else { continue }
            let hours = published.filter { $0.issueTimeUTC.utc == issue }.map(\.targetHourUTC)
            guard let first = hours.min(), let last = hours.max() else { continue }
            return (issue, first, last + 3600)
        }
        return nil
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
