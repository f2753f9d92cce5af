/// How spiky a point's prices are around the issue: extremes of its recent known RT, and the
/// highest DAM price of the target's operating day once that day's DAM is published (the
/// target hour's own DAM is `dam_target_published`).
struct ScarcityFeatures {
    /// Spans of known RT, in grid hours before the RT cut-off (real hours, so 24 across a DST day).
    static let spans = [(hours: 24, label: "24h"), (hours: 7 * 24, label: "7d")]
    /// Scarcity pricing shows as RT above this ($/MWh); oversupply as RT below `lowPrice`.
    static let highPrice = 100.0
    static let lowPrice = 0.0
    static let names = spans.flatMap { ["rt_max_\($0.label)", "rt_hours_above_\(Int(highPrice))_\($0.label)", "rt_hours_below_\(Int(lowPrice))_\($0.label)"] }
        + ["dam_target_day_max"]
    /// Columns that depend on (issue, point) only; `dam_target_day_max` follows them.
    static let issueWidth = spans.count * 3
    static let longestSpan = spans.map(\.hours).max()!

    /// Per point: the (operating day, DAM cut-off) its cached day maximum belongs to.
    private var dayMaxKeys: [(day: Int, damKnownEnd: Int)]
    private var dayMaxima: [Float]

    init(pointCount: Int) {
        dayMaxKeys = [(day: Int, damKnownEnd: Int)](repeating: (Int.min, -1), count: pointCount)
        dayMaxima = [Float](repeating: .nan, count: pointCount)
    }

    /// Writes the `issueWidth` (issue, point) columns: per span, the maximum RT and the number
    /// of hours above `highPrice` and below `lowPrice`. A span with no known RT is all NaN.
    static func writeRecent(point: Int, prices: AsOfPrices, to out: UnsafeMutablePointer<Float>) {
        let end = prices.rtKnownEnd
        var maximum = -Double.infinity, above = 0, below = 0, present = 0
        var hour = 0
        for (s, span) in spans.enumerated() {
            while hour < span.hours {
                let rt = prices.rt(point, end - 1 - hour)
                hour += 1
                guard !rt.isNaN else { continue }
                present += 1
                maximum = max(maximum, rt)
                if rt > highPrice { above += 1 }
                if rt < lowPrice { below += 1 }
            }
            let base = out + s * 3
            base[0] = present > 0 ? Float(maximum) : .nan
            base[1] = present > 0 ? Float(above) : .nan
            base[2] = present > 0 ? Float(below) : .nan
        }
    }

    /// The highest DAM price of operating day `day` (days since epoch) when it is published at
    /// the issue, else NaN; cached per point until the day or the DAM cut-off changes.
    mutating func damDayMax(point: Int, day: Int, prices: AsOfPrices, days: DayHourTable) -> Float {
        if dayMaxKeys[point] == (day, prices.damKnownEnd) { return dayMaxima[point] }
        var maximum = -Double.infinity
        if let start = days.dayStart(day), let end = days.dayEnd(day) {
            for index in prices.index(ofHourStart: start)..<prices.index(ofHourStart: end) {
                let dam = prices.dam(point, index)
                if !dam.isNaN { maximum = max(maximum, dam) }
            }
        }
        dayMaxKeys[point] = (day, prices.damKnownEnd)
        dayMaxima[point] = maximum == -.infinity ? .nan : Float(maximum)
        return dayMaxima[point]
    }
}
