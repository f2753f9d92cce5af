/// One output of a boosting forecaster, named as in saved files and sidecars.
enum QuantileOutput: String, Hashable, CaseIterable {
    case p10, p50, p90

    /// The quantile level.
    var alpha: Double {
        switch self {
        case .p10: 0.1
        case .p50: 0.5
        case .p90: 0.9
        }
    }
}
