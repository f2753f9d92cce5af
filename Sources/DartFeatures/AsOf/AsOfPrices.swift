import DartCore

/// The prices of a `MarketHistory` as a forecast issued at one instant may see them.
///
/// The cut-offs are computed once from `MarketRules` (the grid index after the last hour whose
/// RT is known, and the index after the last hour of the latest published DAM day); every read
/// beyond them returns NaN. Feature code reads prices only through this type, so a feature
/// cannot see a value that was unknown at the issue time.
struct AsOfPrices {
    let issueUTC: Int64
    /// Grid indices `< rtKnownEnd` have a known RT (hour end + lag ≤ issue).
    let rtKnownEnd: Int
    /// Grid indices `< damKnownEnd` have published DAM prices.
    let damKnownEnd: Int
    /// The latest operating day all of whose hours have a known RT (and DAM).
    let lastFullyKnownDay: OperatingDay
    /// 15-minute grid indices `< intervalKnownEnd` have a published RT interval price
    /// (interval end + lag ≤ issue); interval `k` starts at `startUTC + k × 900`.
    let intervalKnownEnd: Int

    private let history: MarketHistory

    init(history: MarketHistory, rules: MarketRules, issueUTC: Int64) {
        self.history = history
        self.issueUTC = issueUTC
        let lastRTHour = rules.lastKnownRTHourStart(at: issueUTC)
        rtKnownEnd = Self.clampedIndex(history, after: lastRTHour + 3600)
        let publishedDay = rules.lastPublishedDAMDay(at: issueUTC)
        damKnownEnd = Self.clampedIndex(history, after: rules.timeZone.startOfDayUTC(publishedDay.adding(days: 1)))
        lastFullyKnownDay = rules.lastFullyKnownDay(at: issueUTC)
        let intervalEnd = rules.lastKnownRTIntervalStart(at: issueUTC) + MarketRules.rtIntervalSeconds
        let intervals = (intervalEnd - history.startUTC) / MarketRules.rtIntervalSeconds  // intervalEnd is on the grid
        intervalKnownEnd = Int(min(max(intervals, 0), Int64(history.hourCount * MarketRules.rtIntervalsPerHour)))
    }

    /// Number of grid hours starting before `utc`, clamped to the grid.
    private static func clampedIndex(_ history: MarketHistory, after utc: Int64) -> Int {
        let hours = (utc - history.startUTC) / 3600  // utc is an hour start
        return Int(min(max(hours, 0), Int64(history.hourCount)))
    }

    /// Grid index of an hour start; may be negative or past the grid (reads there give NaN).
    @inline(__always) func index(ofHourStart utc: Int64) -> Int {
        Int((utc - history.startUTC) / 3600)
    }

    /// UTC start of grid index `index`.
    @inline(__always) func hourStart(ofIndex index: Int) -> Int64 {
        history.startUTC + Int64(index) * 3600
    }

    @inline(__always) func rt(_ point: Int, _ index: Int) -> Double {
        index >= 0 && index < rtKnownEnd ? history.rtm[point][index] : .nan
    }

    @inline(__always) func dam(_ point: Int, _ index: Int) -> Double {
        index >= 0 && index < damKnownEnd ? history.dam[point][index] : .nan
    }

    /// Whether `point` has any 15-minute interval data loaded (known or not).
    @inline(__always) func hasRTIntervals(_ point: Int) -> Bool {
        !history.rtIntervals.isEmpty && !history.rtIntervals[point].isEmpty
    }

    /// The 15-minute RT price of interval `k` when published at the issue, else NaN.
    @inline(__always) func rtInterval(_ point: Int, _ k: Int) -> Double {
        k >= 0 && k < intervalKnownEnd && hasRTIntervals(point) ? history.rtIntervals[point][k] : .nan
    }

    /// DAM − RT when both are known, else NaN.
    @inline(__always) func dart(_ point: Int, _ index: Int) -> Double {
        dam(point, index) - rt(point, index)
    }
}
