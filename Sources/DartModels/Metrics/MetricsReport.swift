/// Scores of a forecast over one evaluation window: overall, by settlement point and by hour
/// ending. Codable, so a backtest writes it as JSON; `textTable()` renders it for people.
public struct MetricsReport: Codable, Sendable, Hashable {
    public struct PointMetrics: Codable, Sendable, Hashable {
        public var point: String
        public var metrics: ErrorMetrics
    }

    public struct HourEndingMetrics: Codable, Sendable, Hashable {
        public var hourEnding: Int
        public var metrics: ErrorMetrics
    }

    /// The window's P99 of |actual| ($/MWh); rows above it are left out of `maeExcludingTail`
    /// in every group, so groups share one definition of "tail".
    public var tailThreshold: Double?
    public var overall: ErrorMetrics
    /// Sorted by point name.
    public var byPoint: [PointMetrics]
    /// Sorted by hour ending.
    public var byHourEnding: [HourEndingMetrics]

    /// Scores `rows`.
    ///
    /// - Throws: `MetricsError.nonFinitePrediction` when a P10/P50/P90 or naive forecast is NaN
    ///   or infinite on a row whose actual is known: a forecaster must not emit NaN, and scoring
    ///   around it would hide the bug.
    public static func evaluate(_ rows: EvaluationRows) throws(MetricsError) -> MetricsReport {
        try checkFinitePredictions(rows)

        var absoluteActuals = [Double]()
        absoluteActuals.reserveCapacity(rows.count)
        for value in rows.actual where value.isFinite { absoluteActuals.append(abs(Double(value))) }
        let tailThreshold = Percentile.quantile(0.99, of: &absoluteActuals)

        var pointRows = [String: [Int]]()
        var hourRows = [Int: [Int]]()
        for row in 0..<rows.count {
            pointRows[rows.points[row], default: []].append(row)
            hourRows[rows.hourEndings[row], default: []].append(row)
        }
        return MetricsReport(
            tailThreshold: tailThreshold,
            overall: ErrorMetrics.score(rows, indices: Array(0..<rows.count), tailThreshold: tailThreshold),
            byPoint: pointRows.keys.sorted().map {
                PointMetrics(point: $0, metrics: .score(rows, indices: pointRows[$0]!, tailThreshold: tailThreshold))
            },
            byHourEnding: hourRows.keys.sorted().map {
                HourEndingMetrics(hourEnding: $0, metrics: .score(rows, indices: hourRows[$0]!, tailThreshold: tailThreshold))
            }
        )
    }

    private static func checkFinitePredictions(_ rows: EvaluationRows) throws(MetricsError) {
        var columns: [(String, [Float])] = [("p50", rows.forecast.p50)]
        if let p10 = rows.forecast.p10 { columns.append(("p10", p10)) }
        if let p90 = rows.forecast.p90 { columns.append(("p90", p90)) }
        for (name, values) in rows.naiveForecasts.sorted(by: { $0.key < $1.key }) { columns.append(("naive:\(name)", values)) }
        for (field, values) in columns {
            for row in 0..<rows.count where rows.actual[row].isFinite && !values[row].isFinite {
                throw MetricsError(.nonFinitePrediction, field: field, row: row,
                                   "\(field) is \(values[row]) at row \(row) (point \(rows.points[row]), HE \(rows.hourEndings[row])); forecasts must be finite where the actual is known")
            }
        }
    }
}
