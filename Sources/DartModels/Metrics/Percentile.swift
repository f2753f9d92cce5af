/// Order statistics used by the metrics.
enum Percentile {
    /// The `p`-th quantile (0…1) with linear interpolation between order statistics (the
    /// "type 7" definition of R and NumPy's default). Sorts `values` in place; nil when empty.
    static func quantile(_ p: Double, of values: inout [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        values.sort()
        let position = p * Double(values.count - 1)
        let lower = Int(position.rounded(.down))
        let upper = min(lower + 1, values.count - 1)
        let fraction = position - Double(lower)
        return values[lower] + fraction * (values[upper] - values[lower])
    }

    static func median(of values: inout [Double]) -> Double? { quantile(0.5, of: &values) }
}
