/// MAE, relative MAE against the zero forecast and sign accuracy of one slice of rows (a horizon
/// bucket, a target month, one side of a regime date). Same definitions as `ErrorMetrics`, kept
/// to the four numbers a slice table shows.
public struct SliceMetrics: Codable, Sendable, Hashable {
    /// Rows scored (actual known).
    public var rows: Int
    public var mae: Double?
    /// Mean |actual|: the zero forecast's MAE on the same rows.
    public var zeroForecastMAE: Double?
    /// `mae / zeroForecastMAE`; below 1 means better than predicting zero.
    public var relativeMAEVsZero: Double?
    /// Share of rows where forecast and actual are both positive or both non-positive.
    public var signAccuracy: Double?

    /// Scores `forecast` against `actual` on the rows at `indices`; rows whose actual is NaN are
    /// skipped. The forecast must be finite where the actual is known (mask rows a model could
    /// not forecast first, as the backtest does).
    public static func score(actual: [Float], forecast: [Float], indices: some Sequence<Int>) -> SliceMetrics {
        var n = 0, signHits = 0
        var errorSum = 0.0, absActualSum = 0.0
        for row in indices {
            let y = Double(actual[row])
            guard y.isFinite else { continue }
            let f = Double(forecast[row])
            n += 1
            errorSum += abs(y - f)
            absActualSum += abs(y)
            if (y > 0) == (f > 0) { signHits += 1 }
        }
        guard n > 0 else { return SliceMetrics(rows: 0) }
        let mae = errorSum / Double(n), zeroMAE = absActualSum / Double(n)
        return SliceMetrics(rows: n, mae: mae, zeroForecastMAE: zeroMAE,
                            relativeMAEVsZero: zeroMAE > 0 ? mae / zeroMAE : nil,
                            signAccuracy: Double(signHits) / Double(n))
    }
}
