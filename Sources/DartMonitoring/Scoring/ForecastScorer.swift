import DartCore

/// Joins published forecasts with realized DART and sums their errors per (target operating day,
/// product, family, version). Forecasts whose hour has no realized DART are left out.
public struct ForecastScorer: Sendable {
    public let zone: MarketTimeZone

    public init(zone: MarketTimeZone) { self.zone = zone }

    /// - Parameter realized: DART by `RealizedDART.key(point:hourUTC:)`, only hours known at the as-of time.
    public func score(_ forecasts: [PublishedForecast], realized: [String: Double]) -> [DailyScore] {
        var scores: [String: DailyScore] = [:]
        for forecast in forecasts {
            guard let actual = realized[RealizedDART.key(point: forecast.point, hourUTC: forecast.targetUTC)],
                  forecast.p50.isFinite else { continue }
            let day = zone.operatingDay(containing: forecast.targetUTC)
            let key = "\(day)|\(forecast.product)|\(forecast.family)|\(forecast.version)"
            var score = scores[key] ?? DailyScore(day: day, product: forecast.product, family: forecast.family,
                                                  version: forecast.version, rows: 0, absoluteErrorSum: 0, absoluteActualSum: 0)
            score.rows += 1
            score.absoluteErrorSum += abs(actual - forecast.p50)
            score.absoluteActualSum += abs(actual)
            if let p10 = forecast.p10, let p90 = forecast.p90, p10.isFinite, p90.isFinite {
                score.intervalRows += 1
                if p10 <= actual && actual <= p90 { score.coveredRows += 1 }
            }
            scores[key] = score
        }
        return scores.values.sorted { ($0.day, $0.product, $0.family, $0.version) < ($1.day, $1.product, $1.family, $1.version) }
    }
}
