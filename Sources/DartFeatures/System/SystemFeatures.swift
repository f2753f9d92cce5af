import DartCore

/// Cross-point ("system") features: averages over every point of the history, so a model can
/// tell a market-wide move from a local one. Each average takes only values known at the issue
/// (through `AsOfPrices`) and skips missing points; NaN when no point has a value.
struct SystemFeatures {
    static let names = ["system_dart_same_he_latest", "system_dart_same_he_mean_7d", "dart_same_he_latest_minus_system",
                        "system_rt_last_known", "rt_last_known_minus_system"]
    /// Days ending at the last fully known day in `system_dart_same_he_mean_7d`.
    static let meanDays = 7

    private let pointCount: Int
    /// Per grid hour: the cross-point mean DART, valid where `meanKnown` is set. A known hour's
    /// values never change, so a mean computed at one issue holds for every later issue.
    private var hourMeans: [Double]
    private var meanKnown: [Bool]
    /// The cross-point mean of `rt_last_known` at the current issue (`prepareIssue`).
    private var rtLastKnownMean: Float = .nan

    init(history: MarketHistory) {
        pointCount = history.points.count
        hourMeans = [Double](repeating: .nan, count: history.hourCount)
        meanKnown = [Bool](repeating: false, count: history.hourCount)
    }

    /// Mean DART over the points of grid hour `index`, or NaN when the hour is not known at the
    /// issue or no point has a value.
    mutating func meanDART(_ index: Int, prices: AsOfPrices) -> Double {
        guard index >= 0, index < prices.rtKnownEnd, index < prices.damKnownEnd else { return .nan }
        if meanKnown[index] { return hourMeans[index] }
        let mean = SummaryStatistics.meanSkippingNaN(over: 0..<pointCount) { prices.dart($0, index) }
        hourMeans[index] = mean
        meanKnown[index] = true
        return mean
    }

    /// Writes the three point-independent columns: the cross-point mean DART at HE `hourEnding`
    /// on the most recent of T−1 … T−`searchDays` that has one, its mean over the `meanDays` days
    /// ending at the last fully known day (days without a value skipped), and the issue's
    /// cross-point mean of `rt_last_known`.
    mutating func writeTarget(targetDay: Int, hourEnding: Int, searchDays: Int, prices: AsOfPrices, days: DayHourTable,
                              to out: UnsafeMutablePointer<Float>) {
        out[0] = .nan
        for back in 1...max(searchDays, 1) {
            let mean = meanDART(sameHE: targetDay - back, hourEnding: hourEnding, prices: prices, days: days)
            if !mean.isNaN { out[0] = Float(mean); break }
        }
        let anchor = prices.lastFullyKnownDay.daysSinceEpoch
        var sum = 0.0, count = 0
        for back in 0..<Self.meanDays {
            let mean = meanDART(sameHE: anchor - back, hourEnding: hourEnding, prices: prices, days: days)
            if !mean.isNaN { sum += mean; count += 1 }
        }
        out[1] = SummaryStatistics.meanIgnoringNaN(sum: sum, count: count)
        out[3] = rtLastKnownMean
    }

    private mutating func meanDART(sameHE day: Int, hourEnding: Int, prices: AsOfPrices, days: DayHourTable) -> Double {
        guard let start = days.hourStart(day: day, hourEnding: hourEnding) else { return .nan }
        return meanDART(prices.index(ofHourStart: start), prices: prices)
    }

    /// Computes the mean over every point of `rt_last_known` at the issue, shared by its targets.
    mutating func prepareIssue(prices: AsOfPrices, searchHours: Int) {
        let mean = SummaryStatistics.meanSkippingNaN(over: 0..<pointCount) { point in
            RecentRealTime.lastKnown(point: point, prices: prices, searchHours: searchHours).map { prices.rt(point, $0) } ?? .nan
        }
        rtLastKnownMean = Float(mean)
    }

    /// Writes the point's spreads to the system values already in `out` (`names` order), from
    /// its `dart_same_he_latest` and `rt_last_known`.
    static func writeSpreads(dartSameHELatest: Float, rtLastKnown: Float, to out: UnsafeMutablePointer<Float>) {
        out[2] = dartSameHELatest - out[0]
        out[4] = rtLastKnown - out[3]
    }
}
