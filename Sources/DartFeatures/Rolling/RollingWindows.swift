import DartCore

/// Rolling statistics of one point over the 7, 14 and 28 fully known days ending at an anchor
/// day (the latest day whose every hour has a known RT at the issue time), per HE and for
/// whole days, cached per (point, anchor) so the many issues and targets sharing an anchor
/// reuse them.
struct RollingWindows {
    static let windows = [7, 14, 28]
    static let maxWindow = 28
    static let signRateWindow = 7
    /// Per window: dart mean, median, std, p10, p90, then dam mean, rt mean.
    static let perWindow = SummaryStatistics.count + 2
    static let sameHEWidth = windows.count * perWindow + 1
    static let dayWidth = windows.count * perWindow

    static var sameHENames: [String] {
        windows.flatMap { names(scope: "same_he", window: $0) } + ["dart_same_he_positive_rate_\(signRateWindow)d"]
    }

    static var dayNames: [String] { windows.flatMap { names(scope: "day", window: $0) } }

    private static func names(scope: String, window: Int) -> [String] {
        ["mean", "median", "std", "p10", "p90"].map { "dart_\(scope)_\($0)_\(window)d" }
            + ["dam_\(scope)_mean_\(window)d", "rt_\(scope)_mean_\(window)d"]
    }

    private var anchors: [Int]
    private var sameHE: [Float]
    private var day: [Float]
    private var scratch: [Double]
    private var dartByDay: [Double]
    private var damByDay: [Double]
    private var rtByDay: [Double]

    init(pointCount: Int) {
        anchors = [Int](repeating: Int.min, count: pointCount)
        sameHE = [Float](repeating: .nan, count: pointCount * 24 * Self.sameHEWidth)
        day = [Float](repeating: .nan, count: pointCount * Self.dayWidth)
        scratch = [Double](repeating: 0, count: Self.maxWindow * 25)
        dartByDay = [Double](repeating: .nan, count: Self.maxWindow)
        damByDay = dartByDay
        rtByDay = dartByDay
    }

    /// Copies the same-HE block for `hourEnding` of `point` to `out` (`sameHEWidth` values).
    @inline(__always) func copySameHE(point: Int, hourEnding: Int, to out: UnsafeMutablePointer<Float>) {
        let base = (point * 24 + hourEnding - 1) * Self.sameHEWidth
        sameHE.withUnsafeBufferPointer { out.update(from: $0.baseAddress! + base, count: Self.sameHEWidth) }
    }

    /// Copies the whole-day block of `point` to `out` (`dayWidth` values).
    @inline(__always) func copyDay(point: Int, to out: UnsafeMutablePointer<Float>) {
        day.withUnsafeBufferPointer { out.update(from: $0.baseAddress! + point * Self.dayWidth, count: Self.dayWidth) }
    }

    /// Makes the cached blocks of `point` describe the windows ending at `prices.lastFullyKnownDay`.
    mutating func prepare(point: Int, prices: AsOfPrices, days: DayHourTable) {
        let anchor = prices.lastFullyKnownDay.daysSinceEpoch
        guard anchors[point] != anchor else { return }
        anchors[point] = anchor
        for hourEnding in 1...24 {
            computeSameHE(point: point, hourEnding: hourEnding, anchor: anchor, prices: prices, days: days)
        }
        computeDay(point: point, anchor: anchor, prices: prices, days: days)
    }

    private mutating func computeSameHE(point: Int, hourEnding: Int, anchor: Int, prices: AsOfPrices, days: DayHourTable) {
        for back in 0..<Self.maxWindow {  // newest first
            if let start = days.hourStart(day: anchor - back, hourEnding: hourEnding) {
                let index = prices.index(ofHourStart: start)
                damByDay[back] = prices.dam(point, index)
                rtByDay[back] = prices.rt(point, index)
                dartByDay[back] = prices.dart(point, index)
            } else {
                damByDay[back] = .nan; rtByDay[back] = .nan; dartByDay[back] = .nan
            }
        }
        let base = (point * 24 + hourEnding - 1) * Self.sameHEWidth
        let dart = dartByDay, dam = damByDay, rt = rtByDay
        sameHE.withUnsafeMutableBufferPointer { block in
            scratch.withUnsafeMutableBufferPointer { scratch in
                for (w, window) in Self.windows.enumerated() {
                    let out = block.baseAddress! + base + w * Self.perWindow
                    var count = 0
                    for back in 0..<window where !dart[back].isNaN {
                        scratch[count] = dart[back]; count += 1
                    }
                    SummaryStatistics.write(sortingFirst: count, of: scratch, to: out)
                    out[SummaryStatistics.count] = Self.mean(dam, first: window)
                    out[SummaryStatistics.count + 1] = Self.mean(rt, first: window)
                }
                var positive = 0, known = 0
                for back in 0..<Self.signRateWindow where !dart[back].isNaN {
                    known += 1
                    if dart[back] > 0 { positive += 1 }
                }
                block[base + Self.sameHEWidth - 1] = known > 0 ? Float(positive) / Float(known) : .nan
            }
        }
    }

    private mutating func computeDay(point: Int, anchor: Int, prices: AsOfPrices, days: DayHourTable) {
        let base = point * Self.dayWidth
        day.withUnsafeMutableBufferPointer { block in
            scratch.withUnsafeMutableBufferPointer { scratch in
                for (w, window) in Self.windows.enumerated() {
                    let out = block.baseAddress! + base + w * Self.perWindow
                    guard let start = days.dayStart(anchor - window + 1), let end = days.dayEnd(anchor) else {
                        for k in 0..<Self.perWindow { out[k] = .nan }
                        continue
                    }
                    var count = 0, damCount = 0, rtCount = 0
                    var damSum = 0.0, rtSum = 0.0
                    var index = prices.index(ofHourStart: start)
                    let endIndex = prices.index(ofHourStart: end)
                    while index < endIndex {
                        let dam = prices.dam(point, index), rt = prices.rt(point, index)
                        if !dam.isNaN { damSum += dam; damCount += 1 }
                        if !rt.isNaN { rtSum += rt; rtCount += 1 }
                        let dart = dam - rt
                        if !dart.isNaN { scratch[count] = dart; count += 1 }
                        index += 1
                    }
                    SummaryStatistics.write(sortingFirst: count, of: scratch, to: out)
                    out[SummaryStatistics.count] = SummaryStatistics.meanIgnoringNaN(sum: damSum, count: damCount)
                    out[SummaryStatistics.count + 1] = SummaryStatistics.meanIgnoringNaN(sum: rtSum, count: rtCount)
                }
            }
        }
    }

    private static func mean(_ values: [Double], first count: Int) -> Float {
        var sum = 0.0, known = 0
        for k in 0..<count where !values[k].isNaN { sum += values[k]; known += 1 }
        return SummaryStatistics.meanIgnoringNaN(sum: sum, count: known)
    }
}
