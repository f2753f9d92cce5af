/// Aligned rows to score: actual DART, the model's forecast, and the labels metrics are grouped by.
///
/// Rows whose actual is NaN are kept here and skipped (and counted) when scoring, so callers can
/// pass a forecast frame as it is.
public struct EvaluationRows: Sendable {
    /// Actual DART ($/MWh); NaN where the actual is not known.
    public let actual: [Float]
    public let forecast: QuantileForecast
    /// Settlement point of each row.
    public let points: [String]
    /// Hour ending (1…24) of each row; both fall-back HE 2 copies are HE 2.
    public let hourEndings: [Int]
    /// Naive forecasts of the same rows by name (e.g. `naive_d1`, `naive_d7`, `naive_epf`); the
    /// best of them (lowest MAE on each group's rows) is the reference for relative MAE.
    public let naiveForecasts: [String: [Float]]

    /// - Throws: `MetricsError.lengthMismatch` when any array is not as long as `actual`.
    public init(actual: [Float], forecast: QuantileForecast, points: [String], hourEndings: [Int],
                naiveForecasts: [String: [Float]] = [:]) throws(MetricsError) {
        var lengths: [(String, Int)] = [("p50", forecast.p50.count), ("points", points.count), ("hourEndings", hourEndings.count)]
        if let p10 = forecast.p10 { lengths.append(("p10", p10.count)) }
        if let p90 = forecast.p90 { lengths.append(("p90", p90.count)) }
        for (name, values) in naiveForecasts.sorted(by: { $0.key < $1.key }) { lengths.append(("naive:\(name)", values.count)) }
        for (field, count) in lengths where count != actual.count {
            throw MetricsError(.lengthMismatch, field: field,
                               "\(field) has \(count) rows but actual has \(actual.count); pass arrays aligned row by row")
        }
        self.actual = actual
        self.forecast = forecast
        self.points = points
        self.hourEndings = hourEndings
        self.naiveForecasts = naiveForecasts
    }

    public var count: Int { actual.count }
}
