/// Recent RT features of one point at an issue instant: the last hours whose RT is known.
enum RecentRealTime {
    static let names = ["rt_last_known", "rt_mean_last_3h", "rt_mean_last_6h", "dart_last_known", "rt_hours_since_last_known"]

    /// Writes `names.count` values to `out`. "Last known" is the latest hour, within
    /// `searchHours` of the RT cut-off, whose RT is known at the issue and present; the means
    /// cover the last 3 and 6 hours before the cut-off, ignoring missing hours.
    static func write(point: Int, prices: AsOfPrices, searchHours: Int, to out: UnsafeMutablePointer<Float>) {
        let end = prices.rtKnownEnd
        out[0] = .nan; out[3] = .nan; out[4] = .nan
        var index = end - 1
        while index >= end - searchHours, index >= 0 {
            let rt = prices.rt(point, index)
            if !rt.isNaN {
                out[0] = Float(rt)
                out[3] = Float(prices.dart(point, index))
                out[4] = Float(Double(prices.issueUTC - (prices.hourStart(ofIndex: index) + 3600)) / 3600)
                break
            }
            index -= 1
        }
        out[1] = mean(point: point, prices: prices, from: end - 3, to: end)
        out[2] = mean(point: point, prices: prices, from: end - 6, to: end)
    }

    private static func mean(point: Int, prices: AsOfPrices, from start: Int, to end: Int) -> Float {
        var sum = 0.0, count = 0
        for index in max(start, 0)..<max(end, 0) {
            let rt = prices.rt(point, index)
            if !rt.isNaN { sum += rt; count += 1 }
        }
        return SummaryStatistics.meanIgnoringNaN(sum: sum, count: count)
    }
}
