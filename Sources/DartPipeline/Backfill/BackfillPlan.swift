import DartConfig
import DartCore
import Foundation

/// What `dartcast backfill` is asked for: every issue time of `product` issued on a day in
/// `[from, to]` (market time, inclusive), with models refit on a calendar cadence.
public struct BackfillRequest: Sendable, Hashable {
    public var product: ForecastProduct
    /// First and last day (market time) on which the backfilled issue times fall.
    public var from: OperatingDay
    public var to: OperatingDay
    public var refit: RefitCadence

    public init(product: ForecastProduct, from: OperatingDay, to: OperatingDay, refit: RefitCadence = .monthly) {
        self.product = product
        self.from = from
        self.to = to
        self.refit = refit
    }

    /// `2024-11-01..2024-11-14`, as recorded in each run's `backfill_range` param.
    public var rangeText: String { "\(from)..\(to)" }
}

/// The issue times of a backfill grouped by refit. Refit periods are anchored on the calendar
/// (monthly: the calendar month of the issue day; weekly: the ISO week, Monday to Sunday), not
/// on `--from`, so the models that forecast an issue time do not depend on the range asked for:
/// overlapping or resumed backfills reuse them. Each refit is trained on what was known at its
/// cutoff, the first issue time of the period (which may fall before `--from`).
public struct BackfillPlan: Sendable, Hashable {
    public struct Refit: Sendable, Hashable {
        /// First day of the refit period.
        public var periodStart: OperatingDay
        /// The models are trained on data known at this instant (`train --cutoff`).
        public var cutoffUTC: Int64
        /// The period's issue times inside the backfill range, in order.
        public var issues: [Int64]
        /// The registry key the refit's models are registered under (never the product's own key,
        /// so production champions are untouched): `<product>_backfill_<cutoff yyyyMMddHHmm UTC>_<settings digest>`.
        public var modelKey: String
    }

    public var request: BackfillRequest
    public var refits: [Refit]
    /// Digest of the settings that decide the models (market, models, features, time zone).
    public var settingsDigest: String

    public var issueCount: Int { refits.reduce(0) { $0 + $1.issues.count } }

    /// - Parameters:
    ///   - settings: the settings whose market, models and features sections key the refits' models.
    ///   - notAfterUTC: issue times after it are left out (a backfill writes the past; production writes the future).
    public init(request: BackfillRequest, rules: MarketRules, settings: Settings, notAfterUTC: Int64 = .max) {
        self.request = request
        settingsDigest = Self.digest(settings)
        let issues = rules.issueTimes(request.product, from: request.from, through: request.to).filter { $0 <= notAfterUTC }
        var refits: [Refit] = []
        for issue in issues {
            let start = Self.periodStart(of: rules.timeZone.operatingDay(containing: issue), cadence: request.refit)
            if let last = refits.last, last.periodStart == start {
                refits[refits.count - 1].issues.append(issue)
                continue
            }
            let cutoff = rules.issueTimes(request.product, from: start, through: start).first ?? issue
            refits.append(Refit(periodStart: start, cutoffUTC: cutoff, issues: [issue],
                                modelKey: Self.modelKey(product: request.product, cutoffUTC: cutoff, digest: settingsDigest)))
        }
        self.refits = refits
    }

    static func periodStart(of day: OperatingDay, cadence: RefitCadence) -> OperatingDay {
        switch cadence {
        case .monthly: day.adding(days: 1 - day.day)
        case .weekly: day.adding(days: 1 - day.isoWeekday)
        }
    }

    static func modelKey(product: ForecastProduct, cutoffUTC: Int64, digest: String) -> String {
        // The registry takes lower-case letters, digits and _ only: the cutoff as yyyyMMddHHmm (UTC).
        let compact = UTCFormat.iso8601(cutoffUTC).prefix(16).filter(\.isNumber)
        return "\(product.rawValue)_backfill_\(compact)_\(digest)"
    }

    /// FNV-1a (64 bit) of the settings that decide what a refit trains: a cache key, not a
    /// security digest. The JSON text has a fixed key order, so it is the same in every process.
    static func digest(_ settings: Settings) -> String {
        let node = settings.jsonNode()
        let sections = (node.members ?? []).filter { ["market", "models", "features"].contains($0.key) }
        let text = JSONWriter.prettyPrinted(JSONNode(.object(sections))) + "\ntimezone=" + settings.scheduling.timezone
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return String(hash >> 32, radix: 16).leftPadded(to: 8)
    }
}

private extension String {
    func leftPadded(to width: Int) -> String { count >= width ? self : String(repeating: "0", count: width - count) + self }
}
