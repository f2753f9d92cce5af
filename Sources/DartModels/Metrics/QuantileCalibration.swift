/// How often the actual fell below each forecast quantile. A calibrated P10/P50/P90 has about
/// 10%, 50% and 90% of actuals below it.
public struct QuantileCalibration: Codable, Sendable, Hashable {
    /// Rows with a known actual and finite P10, P50 and P90.
    public var rows: Int
    public var belowP10: Double?
    public var belowP50: Double?
    public var belowP90: Double?

    public static let nominal: [Double] = [0.1, 0.5, 0.9]

    /// Observed shares below P10, P50 and P90, or nil when the forecast has no band. "Below" is
    /// strict (`actual < quantile`); rows with a NaN actual or quantile are skipped.
    public static func observe(actual: [Float], forecast: QuantileForecast) -> QuantileCalibration? {
        guard let p10 = forecast.p10, let p90 = forecast.p90 else { return nil }
        var rows = 0, below10 = 0, below50 = 0, below90 = 0
        for row in actual.indices {
            let y = actual[row], low = p10[row], mid = forecast.p50[row], high = p90[row]
            guard y.isFinite, low.isFinite, mid.isFinite, high.isFinite else { continue }
            rows += 1
            if y < low { below10 += 1 }
            if y < mid { below50 += 1 }
            if y < high { below90 += 1 }
        }
        func share(_ count: Int) -> Double? { rows > 0 ? Double(count) / Double(rows) : nil }
        return QuantileCalibration(rows: rows, belowP10: share(below10), belowP50: share(below50), belowP90: share(below90))
    }

    /// Observed shares in the order of `nominal`.
    public var observed: [Double?] { [belowP10, belowP50, belowP90] }
}
