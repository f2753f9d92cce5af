/// Scales the DART target by its median and interquartile range (training rows only), so a few
/// $1,000+ spikes neither shift the centre nor shrink the bulk of the data to nothing.
struct RobustTargetScaler: Sendable, Hashable {
    var center: Float
    var scale: Float

    init(center: Float, scale: Float) {
        self.center = center
        self.scale = scale
    }

    /// Median and IQR of `targets`; falls back to 1.4826·MAD, then 1, when the spread is zero.
    /// Targets must be finite (the caller checks).
    init(fitting targets: ArraySlice<Float>) {
        precondition(!targets.isEmpty)
        let sorted = targets.sorted()
        let median = Self.quantile(sorted, 0.5)
        var spread = Self.quantile(sorted, 0.75) - Self.quantile(sorted, 0.25)
        if !(spread > 0) {
            let deviations = sorted.map { abs($0 - median) }.sorted()
            spread = 1.4826 * Self.quantile(deviations, 0.5)
        }
        center = median
        scale = spread > 0 && spread.isFinite ? spread : 1
    }

    func scaled(_ value: Float) -> Float { (value - center) / scale }
    func unscaled(_ value: Float) -> Float { value * scale + center }

    /// Linear-interpolation quantile of sorted values.
    private static func quantile(_ sorted: [Float], _ probability: Double) -> Float {
        let position = probability * Double(sorted.count - 1)
        let lower = Int(position.rounded(.down))
        let upper = min(lower + 1, sorted.count - 1)
        let weight = Float(position - Double(lower))
        return sorted[lower] + (sorted[upper] - sorted[lower]) * weight
    }
}
