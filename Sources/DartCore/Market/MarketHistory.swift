/// An in-memory, columnar snapshot of the market store: what feature building reads.
///
/// Prices sit on a dense hourly UTC grid from `startUTC` (an hour start) for `hourCount` hours;
/// a missing or incomplete hour is `NaN`. The grid is shared by all points, so index `i` is the
/// same UTC hour for every point. Known-times are not stored here: they follow from market
/// rules (DAM published 13:30 CT the day before, RT a lag after the hour), applied by the
/// feature builder.
public struct MarketHistory: Sendable {
    public var startUTC: Int64
    public var hourCount: Int
    public var points: [SettlementPoint]
    /// `dam[p][i]`: DAM price of point `p` in grid hour `i`, $/MWh, or NaN.
    public var dam: [[Double]]
    /// `rtm[p][i]`: hourly RT price (mean of four 15-minute SPPs), or NaN when missing or incomplete.
    public var rtm: [[Double]]
    /// `rtIntervals[p][k]`: 15-minute RT price of point `p` in the interval starting at
    /// `startUTC + k × MarketRules.rtIntervalSeconds` (four per grid hour), or NaN. An empty
    /// array for a point (or for all: `[]`) means no interval data was loaded.
    public var rtIntervals: [[Double]]
    /// Exogenous series by name (`wind_stwpf`, `solar_stppf`, `load_forecast`, `load_actual`, …).
    public var exogenous: [String: ExogenousSeries]

    public init(startUTC: Int64, hourCount: Int, points: [SettlementPoint], dam: [[Double]], rtm: [[Double]],
                exogenous: [String: ExogenousSeries] = [:], rtIntervals: [[Double]] = []) {
        precondition(startUTC % 3600 == 0, "grid must start on an hour")
        precondition(dam.count == points.count && rtm.count == points.count)
        precondition(rtIntervals.isEmpty || (rtIntervals.count == points.count && rtIntervals.allSatisfy {
            $0.isEmpty || $0.count == hourCount * MarketRules.rtIntervalsPerHour
        }), "rtIntervals must be empty or hold, per point, nothing or four values per grid hour")
        self.startUTC = startUTC
        self.hourCount = hourCount
        self.points = points
        self.dam = dam
        self.rtm = rtm
        self.exogenous = exogenous
        self.rtIntervals = rtIntervals
    }

    /// Grid index of a UTC hour start, or nil when outside the grid.
    @inlinable public func index(ofUTC utc: Int64) -> Int? {
        let offset = utc - startUTC
        guard offset >= 0, offset % 3600 == 0 else { return nil }
        let index = Int(offset / 3600)
        return index < hourCount ? index : nil
    }

    @inlinable public func utc(ofIndex index: Int) -> Int64 { startUTC + Int64(index) * 3600 }

    public var endUTC: Int64 { utc(ofIndex: hourCount) }
}

/// One exogenous series: values for target hours, each with the time it was posted (or, for
/// actuals, the time it became known). Several postings may exist for one target hour.
public struct ExogenousSeries: Sendable {
    public struct Posting: Sendable, Hashable {
        public var targetUTC: Int64
        public var postedAtUTC: Int64
        public var value: Double
        public init(targetUTC: Int64, postedAtUTC: Int64, value: Double) {
            self.targetUTC = targetUTC
            self.postedAtUTC = postedAtUTC
            self.value = value
        }
    }

    /// Sorted by target hour, then posting time.
    public private(set) var postings: [Posting]

    public init(postings: [Posting]) {
        self.postings = postings.sorted { ($0.targetUTC, $0.postedAtUTC) < ($1.targetUTC, $1.postedAtUTC) }
    }

    /// The value of the latest posting for `targetUTC` made strictly before `issueUTC`, or nil.
    public func latestValue(for targetUTC: Int64, postedBefore issueUTC: Int64) -> Double? {
        var low = 0, high = postings.count
        while low < high {  // first posting with target >= targetUTC
            let mid = (low + high) / 2
            if postings[mid].targetUTC < targetUTC { low = mid + 1 } else { high = mid }
        }
        var best: Double?
        var index = low
        while index < postings.count, postings[index].targetUTC == targetUTC {
            if postings[index].postedAtUTC < issueUTC { best = postings[index].value } else { break }
            index += 1
        }
        return best
    }
}
