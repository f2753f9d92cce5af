/// Keeps separately trained quantile models from crossing.
enum QuantileOrdering {
    /// Widens P10/P90 so that P10 ≤ P50 ≤ P90 on every row.
    ///
    /// The quantiles come from separate models, so they can cross where data is thin.
    /// P50 stays the point model's output (its MAE is the headline metric) and a crossing
    /// bound is moved onto it, so consumers never see an interval that excludes the median.
    static func clampAroundMedian(p10: inout [Float], p50: [Float], p90: inout [Float]) {
        for row in p50.indices {
            let median = p50[row]
            if p10[row] > median { p10[row] = median }
            if p90[row] < median { p90[row] = median }
        }
    }
}
