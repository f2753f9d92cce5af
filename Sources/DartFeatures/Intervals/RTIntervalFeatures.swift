import DartCore

/// Features of one point from 15-minute RT prices published at the issue. They see most of the
/// current hour, which the hourly RT price (known 15 minutes after the hour ends) does not.
///
/// An interval is published when its end + `MarketRules.rtIntervalPublicationLagMinutes` ≤ the
/// issue (`AsOfPrices.intervalKnownEnd`). Every column is NaN when no interval is published and
/// present in the last `searchHours`, so "no interval data" stays an explicit missing state.
enum RTIntervalFeatures {
    static let names = ["rt_interval_latest", "rt_interval_mean_last_4", "rt_interval_trend_4",
                        "rt_intervals_published_pending_hour", "dam_target_minus_rt_interval_latest"]
    /// The first columns depend on (issue, point) only; the last one also on the target.
    static let issueWidth = 4

    /// Writes the `issueWidth` (issue, point) columns: the latest published interval price, the
    /// mean of the last 4 published intervals, the latest minus the interval 4 before it, and how
    /// many intervals of the first hour whose hourly RT is not yet known are published.
    static func write(point: Int, prices: AsOfPrices, searchHours: Int, to out: UnsafeMutablePointer<Float>) {
        for k in 0..<issueWidth { out[k] = .nan }
        guard prices.hasRTIntervals(point) else { return }
        let end = prices.intervalKnownEnd, perHour = MarketRules.rtIntervalsPerHour
        let first = max(end - searchHours * perHour, 0)
        var latest = end - 1
        while latest >= first, prices.rtInterval(point, latest).isNaN { latest -= 1 }
        guard latest >= first else { return }
        let value = prices.rtInterval(point, latest)
        out[0] = Float(value)
        out[1] = Float(SummaryStatistics.meanSkippingNaN(over: end - perHour..<end) { prices.rtInterval(point, $0) })
        out[2] = Float(value - prices.rtInterval(point, latest - perHour))
        // The first hour whose hourly RT is not known yet: how much of it the intervals already show.
        let pendingStart = prices.rtKnownEnd * perHour
        var published = 0
        for k in pendingStart..<max(pendingStart, min(pendingStart + perHour, end))
        where !prices.rtInterval(point, k).isNaN {
            published += 1
        }
        out[3] = Float(published)
    }
}
