/// Mean, median, population standard deviation and P10/P90 of a sample, ignoring NaN.
/// Quantiles interpolate linearly between order statistics (type 7, as numpy's default).
enum SummaryStatistics {
    /// Number of values `write` produces: mean, median, std, p10, p90.
    static let count = 5

    /// Writes mean, median, std, p10, p90 of the ascending, NaN-free `sorted` to `out`; all NaN
    /// when it is empty. The mean sums in ascending order so results do not depend on input order.
    static func write(sorted: UnsafeBufferPointer<Double>, to out: UnsafeMutablePointer<Float>) {
        guard !sorted.isEmpty else {
            for k in 0..<Self.count { out[k] = .nan }
            return
        }
        var sum = 0.0
        for value in sorted { sum += value }
        let mean = sum / Double(sorted.count)
        var squares = 0.0
        for value in sorted { squares += (value - mean) * (value - mean) }
        out[0] = Float(mean)
        out[1] = Float(quantile(0.5, sorted: sorted))
        out[2] = Float((squares / Double(sorted.count)).squareRoot())
        out[3] = Float(quantile(0.1, sorted: sorted))
        out[4] = Float(quantile(0.9, sorted: sorted))
    }

    static func quantile(_ q: Double, sorted: UnsafeBufferPointer<Double>) -> Double {
        let position = q * Double(sorted.count - 1)
        let lower = Int(position)
        let upper = min(lower + 1, sorted.count - 1)
        let fraction = position - Double(lower)
        return sorted[lower] + (sorted[upper] - sorted[lower]) * fraction
    }

    /// Mean of the non-NaN values, or NaN when there are none.
    @inline(__always) static func meanIgnoringNaN(sum: Double, count: Int) -> Float {
        count > 0 ? Float(sum / Double(count)) : .nan
    }

    /// Mean of `value(k)` over `range` in ascending order (negative indices skipped), ignoring
    /// NaN; NaN when no value is left.
    @inline(__always) static func meanSkippingNaN(over range: Range<Int>, _ value: (Int) -> Double) -> Double {
        var sum = 0.0, count = 0
        for k in max(range.lowerBound, 0)..<max(range.upperBound, 0) {
            let x = value(k)
            if !x.isNaN { sum += x; count += 1 }
        }
        return count > 0 ? sum / Double(count) : .nan
    }
}

/// An ascending sample that grows as a window widens (7 → 14 → 28 days), so nested windows
/// share one sort: new values are sorted on their own and merged in.
struct GrowingSortedSample {
    private(set) var count = 0
    private var values: [Double]
    private var mergeBuffer: [Double]

    init(capacity: Int) {
        values = [Double](repeating: 0, count: capacity)
        mergeBuffer = values
    }

    mutating func removeAll() { count = 0 }

    /// Adds the non-NaN values of `newValues[range]`.
    mutating func add(_ newValues: [Double], _ range: Range<Int>) {
        let start = count
        for index in range where !newValues[index].isNaN {
            values[count] = newValues[index]
            count += 1
        }
        guard count > start else { return }
        let end = count
        values.withUnsafeMutableBufferPointer { all in
            var added = UnsafeMutableBufferPointer(rebasing: all[start..<end])
            added.sort()
            guard start > 0, all[start - 1] > all[start] else { return }
            mergeBuffer.withUnsafeMutableBufferPointer { merged in
                var left = 0, right = start, out = 0
                while left < start && right < end {
                    if all[right] < all[left] { merged[out] = all[right]; right += 1 } else { merged[out] = all[left]; left += 1 }
                    out += 1
                }
                while left < start { merged[out] = all[left]; left += 1; out += 1 }
                while right < end { merged[out] = all[right]; right += 1; out += 1 }
                for k in 0..<end { all[k] = merged[k] }
            }
        }
    }

    /// Writes the summary statistics of the current sample.
    func writeStatistics(to out: UnsafeMutablePointer<Float>) {
        let count = self.count
        values.withUnsafeBufferPointer {
            SummaryStatistics.write(sorted: UnsafeBufferPointer(rebasing: $0[0..<count]), to: out)
        }
    }
}
