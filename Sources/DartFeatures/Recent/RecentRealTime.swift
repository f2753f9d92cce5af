/// Recent RT features of one point at an issue instant: the last hours whose RT is known.
enum RecentRealTime {
    static let names = ["rt_last_known", "rt_mean_last_3h", "rt_mean_last_6h", "dart_last_known", "rt_hours_since_last_known"]

    /// Writes `names.count` values to `out`. "Last known" is the latest hour, within
    /// `searchHours` of the RT cut-off, whose RT is known at the issue and present; the means
    /// cover the last 3 and 6 hours before the cut-off, ignoring missing hours.
    static func write(point: Int, prices: AsOfPrices, searchHours: Int, to out: UnsafeMutablePointer<Float>) {
        let end = prices.rtKnownEnd
        out[0] = .nan; out[3] = .nan; out[4] = .nan
        if let index = lastKnown(point: point, prices: prices, searchHours: searchHours) {
            out[0] = Float(prices.rt(point, index))
            out[3] = Float(prices.dart(point, index))
            out[4] = Float(Double(prices.issueUTC - (prices.hourStart(ofIndex: index) + 3600)) / 3600)
        }
        out[1] = Float(SummaryStatistics.meanSkippingNaN(over: end - 3..<end) { prices.rt(point, $0) })
        out[2] = Float(SummaryStatistics.meanSkippingNaN(over: end - 6..<end) { prices.rt(point, $0) })
    }

    /// Grid index of the latest hour, within `searchHours` of the RT cut-off, whose RT is known
    /// at the issue and present; nil when there is none.
    static func lastKnown(point: Int, prices: AsOfPrices, searchHours: Int) -> Int? {
        let end = prices.rtKnownEnd
        var index = end - 1
        while index >= end - searchHours, index >= 0 {
            if !prices.rt(point, index).isNaN { return index }
            index -= 1
        }
        return nil
    }
}
