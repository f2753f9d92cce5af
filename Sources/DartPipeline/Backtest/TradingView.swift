import DartCore
import DartModels

/// The sign strategy of `SignStrategy` for every trained model and the ensemble (plus the
/// trailing median as the "always bet the DA premium" yardstick), at a few thresholds.
///
/// Virtual bids settle day-ahead against real-time, so the view is what a trader reads for the
/// day-ahead product. The hourly product is issued after the DAM for most targets and serves
/// real-time decisions; its view is computed the same way and labelled reference-only.
public struct TradingView: Codable, Sendable {
    public struct ModelTrades: Codable, Sendable {
        public var model: String
        public var kind: BacktestResult.ModelScore.Kind
        /// One result per threshold, in the order of `thresholds`.
        public var byThreshold: [SignStrategy.Result]
    }

    /// $/MWh the forecast P50 must clear before a position is taken.
    public static let defaultThresholds: [Double] = [0, 2, 5]
    /// The baseline shown beside the models.
    public static let referenceBaseline = "trailing_median"

    public var product: ForecastProduct
    /// What the view means for this product (virtual-bid view, or reference only).
    public var label: String
    public var thresholds: [Double]
    public var models: [ModelTrades]

    /// - Parameter forecasts: name, kind and P50 of each candidate, in report order; baselines
    ///   other than `referenceBaseline` are left out.
    static func make(product: ForecastProduct, actual: [Float],
                     forecasts: [(name: String, kind: BacktestResult.ModelScore.Kind, p50: [Float])],
                     thresholds: [Double] = defaultThresholds) -> TradingView {
        let label = switch product {
        case .dayahead: "Virtual-bid view: 1 MWh DART per row (buy DA / sell RT when long), day-ahead product."
        case .hourly: "Reference only: the hourly product is issued after the DAM for most targets and serves real-time decisions, not virtual bids."
        }
        let traded = forecasts.filter { $0.kind != .baseline || $0.name == referenceBaseline }
        return TradingView(product: product, label: label, thresholds: thresholds, models: traded.map { candidate in
            ModelTrades(model: candidate.name, kind: candidate.kind, byThreshold: thresholds.map {
                SignStrategy.evaluate(actual: actual, forecast: candidate.p50, threshold: $0)
            })
        })
    }
}
