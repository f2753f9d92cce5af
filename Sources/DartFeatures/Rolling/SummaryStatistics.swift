/// Mean, median, population standard deviation and P10/P90 of a sample, ignoring NaN.
/// Quantiles interpolate linearly between order statistics (type 7, as numpy's default).
enum SummaryStatistics {
    /// Number of values `write` produces: mean, median, std, p10, p90.
    static let count = 5

    /// Sorts the first `count` values of `scratch` in place (they must hold no NaN) and writes
    /// mean, median, std, p10, p90 to `out`; all NaN when `count` is 0.
    static func write(sortingFirst count: Int, of scratch: UnsafeMutableBufferPointer<Double>,
                      to out: UnsafeMutablePointer<Float>) {
        guard count > 0 else {
            for k in 0..<Self.count { out[k] = .nan }
            return
        }
        var sample = UnsafeMutableBufferPointer(rebasing: scratch[0..<count])
        sample.sort()
        var sum = 0.0
        for value in sample { sum += value }
        let mean = sum / Double(count)
        var squares = 0.0
        for value in sample { squares += (value - mean) * (value - mean) }
        out[0] = Float(mean)
        out[1] = Float(quantile(0.5, sorted: sample))
        out[2] = Float((squares / Double(count)).squareRoot())
        out[3] = Float(quantile(0.1, sorted: sample))
        out[4] = Float(quantile(0.9, sorted: sample))
    }

    static func quantile(_ q: Double, sorted: UnsafeMutableBufferPointer<Double>) -> Double {
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
}
