import DartCore
import DartData
import DartFeatures

/// How much market history live feature building loads.
enum HistoryScope: Sendable, Hashable {
    /// Only the hours the features of the issue read (`FeatureBuilder.historyWindow`): the default.
    case featureWindow
    /// Every stored hour up to the window's end: the reference the window must reproduce exactly (tests).
    case everything
}

extension MarketStore {
    /// The history that `builder` needs for one issue of `product`.
    func loadHistory(points: [SettlementPoint], builder: FeatureBuilder, product: ForecastProduct, issueUTC: Int64,
                     scope: HistoryScope) throws -> MarketHistory {
        guard let window = builder.historyWindow(product: product, issueTimes: [issueUTC]) else {
            return try loadHistory(points: points, fromUTC: issueUTC, toUTC: issueUTC)
        }
        return try loadHistory(points: points, fromUTC: scope == .featureWindow ? window.fromUTC : nil, toUTC: window.toUTC)
    }
}
