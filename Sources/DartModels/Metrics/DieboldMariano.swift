import Foundation

/// The Diebold–Mariano test of equal forecast accuracy, with a Newey–West (Bartlett kernel)
/// long-run variance so autocorrelated loss differentials do not overstate significance.
///
/// The statistic is `mean(d) / sqrt(LRV / n)` for a loss-differential series `d` (model loss
/// minus reference loss): negative means the model's loss is lower. The p-value is two-sided
/// against the standard normal.
public enum DieboldMariano {
    public struct Result: Codable, Sendable, Hashable {
        /// Observations of the differential series (days, when aggregated daily).
        public var n: Int
        /// Newey–West lag (autocovariances included).
        public var lag: Int
        /// Mean loss differential (model − reference); negative favours the model.
        public var meanDifferential: Double?
        /// Newey–West long-run variance of the differential series.
        public var longRunVariance: Double?
        /// nil when undefined: fewer than two observations or a zero variance.
        public var statistic: Double?
        public var pValue: Double?
    }

    /// A lag of at least a week, because daily losses share weekly patterns (weekends, weekly
    /// weather regimes); grows as ceil(n^(1/3)) on long windows; below n.
    public static func defaultLag(observations n: Int) -> Int {
        guard n > 1 else { return 0 }
        var cubeRoot = 1  // ceil(n^(1/3)) in integers: cbrt can land a hair above a whole number
        while cubeRoot * cubeRoot * cubeRoot < n { cubeRoot += 1 }
        return min(n - 1, max(7, cubeRoot))
    }

    /// Runs the test on `differentials` (one value per observation, in time order).
    /// - Parameter lag: Newey–West lag; `defaultLag(observations:)` when nil.
    public static func test(_ differentials: [Double], lag: Int? = nil) -> Result {
        let n = differentials.count
        let lag = max(0, min(lag ?? defaultLag(observations: n), max(n - 1, 0)))
        guard n > 0 else { return Result(n: 0, lag: 0) }
        let mean = differentials.reduce(0, +) / Double(n)
        guard n > 1 else { return Result(n: n, lag: lag, meanDifferential: mean) }
        let variance = neweyWestLongRunVariance(differentials, lag: lag)
        guard variance > 0 else { return Result(n: n, lag: lag, meanDifferential: mean, longRunVariance: variance) }
        let statistic = mean / (variance / Double(n)).squareRoot()
        return Result(n: n, lag: lag, meanDifferential: mean, longRunVariance: variance,
                      statistic: statistic, pValue: twoSidedNormalPValue(statistic))
    }

    /// `γ0 + 2 Σ_{k=1..lag} (1 − k/(lag+1)) γk`, autocovariances `γk` with divisor n.
    public static func neweyWestLongRunVariance(_ values: [Double], lag: Int) -> Double {
        let n = values.count
        guard n > 0 else { return 0 }
        let mean = values.reduce(0, +) / Double(n)
        let centred = values.map { $0 - mean }
        func autocovariance(_ k: Int) -> Double {
            var sum = 0.0
            for t in k..<n { sum += centred[t] * centred[t - k] }
            return sum / Double(n)
        }
        var variance = autocovariance(0)
        for k in stride(from: 1, through: min(lag, n - 1), by: 1) {
            variance += 2 * (1 - Double(k) / Double(lag + 1)) * autocovariance(k)
        }
        return variance
    }

    /// `P(|Z| ≥ |z|)` for a standard normal Z.
    public static func twoSidedNormalPValue(_ z: Double) -> Double { erfc(abs(z) / 2.0.squareRoot()) }

    /// Per-row absolute-error loss differential `|actual − model| − |actual − reference|`,
    /// averaged per `group` (e.g. the target operating day) and returned in ascending group
    /// order. Rows whose actual is NaN are skipped; averaging per day tames the dependence
    /// between the many rows (points, hours, issues) of one day.
    public static func groupedAbsoluteLossDifferentials(actual: [Float], model: [Float], reference: [Float],
                                                        group: [Int]) -> (differentials: [Double], rows: Int) {
        var sums: [Int: (sum: Double, count: Int)] = [:]
        var rows = 0
        for row in actual.indices where actual[row].isFinite {
            let y = Double(actual[row])
            let d = abs(y - Double(model[row])) - abs(y - Double(reference[row]))
            sums[group[row], default: (0, 0)].sum += d
            sums[group[row], default: (0, 0)].count += 1
            rows += 1
        }
        return (sums.keys.sorted().map { sums[$0]!.sum / Double(sums[$0]!.count) }, rows)
    }
}
