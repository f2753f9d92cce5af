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
    private var sample = GrowingSortedSample(capacity: Self.maxWindow * 25)
    /// Per day, newest first (same-HE), or per hour, newest first (whole day).
    private var dartBack = [Double](repeating: .nan, count: Self.maxWindow * 25)
    private var damBack = [Double](repeating: .nan, count: Self.maxWindow * 25)
    private var rtBack = [Double](repeating: .nan, count: Self.maxWindow * 25)
    /// The per-window block being computed, before it is copied to `sameHE` or `day`.
    private var windowBlock = [Float](repeating: .nan, count: Self.windows.count * Self.perWindow)

    init(pointCount: Int) {
        anchors = [Int](repeating: Int.min, count: pointCount)
        sameHE = [Float](repeating: .nan, count: pointCount * 24 * Self.sameHEWidth)
        day = [Float](repeating: .nan, count: pointCount * Self.dayWidth)
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
        for back in 0..<Self.maxWindow {
            if let start = days.hourStart(day: anchor - back, hourEnding: hourEnding) {
                let index = prices.index(ofHourStart: start)
                damBack[back] = prices.dam(point, index)
                rtBack[back] = prices.rt(point, index)
                dartBack[back] = prices.dart(point, index)
            } else {
                damBack[back] = .nan; rtBack[back] = .nan; dartBack[back] = .nan
            }
        }
        let base = (point * 24 + hourEnding - 1) * Self.sameHEWidth
        writeWindows(valuesPerWindow: Self.windows)
        for k in windowBlock.indices { sameHE[base + k] = windowBlock[k] }
        var positive = 0, known = 0
        for back in 0..<Self.signRateWindow where !dartBack[back].isNaN {
            known += 1
            if dartBack[back] > 0 { positive += 1 }
        }
        sameHE[base + Self.sameHEWidth - 1] = known > 0 ? Float(positive) / Float(known) : .nan
    }

    private mutating func computeDay(point: Int, anchor: Int, prices: AsOfPrices, days: DayHourTable) {
        let base = point * Self.dayWidth
        guard let end = days.dayEnd(anchor), let first = days.dayStart(anchor - Self.maxWindow + 1) else {
            for k in 0..<Self.dayWidth { day[base + k] = .nan }
            return
        }
        let endIndex = prices.index(ofHourStart: end)
        let hours = Int((end - first) / 3600)
        for back in 0..<hours {
            let index = endIndex - 1 - back
            damBack[back] = prices.dam(point, index)
            rtBack[back] = prices.rt(point, index)
            dartBack[back] = prices.dart(point, index)
        }
        // Each window covers the hours from the start of its first day to the anchor's end.
        let hoursPerWindow = Self.windows.map { window in Int((end - days.dayStart(anchor - window + 1)!) / 3600) }
        writeWindows(valuesPerWindow: hoursPerWindow)
        for k in windowBlock.indices { day[base + k] = windowBlock[k] }
    }

    /// Fills `windowBlock` (per window: DART statistics, DAM mean, RT mean) for windows covering
    /// the first `valuesPerWindow[w]` entries of the newest-first buffers.
    private mutating func writeWindows(valuesPerWindow: [Int]) {
        sample.removeAll()
        var covered = 0
        var damSum = 0.0, rtSum = 0.0, damCount = 0, rtCount = 0
        for (w, length) in valuesPerWindow.enumerated() {
            sample.add(dartBack, covered..<length)
            for k in covered..<length {
                if !damBack[k].isNaN { damSum += damBack[k]; damCount += 1 }
                if !rtBack[k].isNaN { rtSum += rtBack[k]; rtCount += 1 }
            }
            covered = length
            let offset = w * Self.perWindow
            windowBlock.withUnsafeMutableBufferPointer { sample.writeStatistics(to: $0.baseAddress! + offset) }
            windowBlock[offset + SummaryStatistics.count] = SummaryStatistics.meanIgnoringNaN(sum: damSum, count: damCount)
            windowBlock[offset + SummaryStatistics.count + 1] = SummaryStatistics.meanIgnoringNaN(sum: rtSum, count: rtCount)
        }
    }
}
