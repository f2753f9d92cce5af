/// Scores of one group of rows (all rows, one settlement point, or one hour ending).
///
/// A value is `nil` when it is undefined for the group: no scored rows, a zero denominator, or
/// no P10/P90 forecast. `nil` keeps the JSON valid where a NaN would not be.
public struct ErrorMetrics: Codable, Sendable, Hashable {
    /// Rows scored (actual known).
    public var rows: Int
    /// Rows skipped because the actual is NaN.
    public var missingActualRows: Int
    public var mae: Double?
    public var rmse: Double?
    public var medianAbsoluteError: Double?
    /// MAE of predicting 0 on the same rows, i.e. mean |actual|.
    public var zeroForecastMAE: Double?
    /// `mae / zeroForecastMAE`; below 1 means better than predicting zero.
    public var relativeMAEVsZero: Double?
    /// MAE of each naive forecast on the same rows.
    public var naiveMAE: [String: Double]
    /// The naive forecast with the lowest MAE on these rows.
    public var bestNaive: String?
    /// `mae / naiveMAE[bestNaive]`.
    public var relativeMAEVsBestNaive: Double?
    /// MAE over rows whose |actual| does not exceed the window's P99 of |actual|.
    public var maeExcludingTail: Double?
    /// Rows left out of `maeExcludingTail`.
    public var tailRows: Int
    /// Share of rows where the forecast and the actual fall on the same side: both positive, or
    /// both non-positive (zero counts as non-positive, so a zero forecast "predicts" non-positive).
    public var signAccuracy: Double?
    /// `max(share positive, share non-positive)` of the actuals: what always guessing the
    /// majority side would score. Sign accuracy means something only above this.
    public var majorityClassRate: Double?
    /// Mean pinball loss of P10, P50 and P90 at quantiles 0.1, 0.5 and 0.9.
    public var pinball10: Double?
    public var pinball50: Double?
    public var pinball90: Double?
    /// Share of rows with `p10 <= actual <= p90` (nominal 0.8).
    public var coverage10to90: Double?
}

extension ErrorMetrics {
    /// Scores the rows at `indices` of `rows`.
    /// - Parameter tailThreshold: |actual| above this is left out of `maeExcludingTail`.
    static func score(_ rows: EvaluationRows, indices: [Int], tailThreshold: Double?) -> ErrorMetrics {
        let actual = rows.actual, p50 = rows.forecast.p50
        let p10 = rows.forecast.p10, p90 = rows.forecast.p90
        let naiveNames = rows.naiveForecasts.keys.sorted()
        let naiveColumns = naiveNames.map { rows.naiveForecasts[$0]! }

        var absoluteErrors = [Double]()
        absoluteErrors.reserveCapacity(indices.count)
        var missing = 0
        var squaredSum = 0.0, absActualSum = 0.0
        var bodySum = 0.0, bodyCount = 0
        var signHits = 0, positives = 0
        var pinballLowSum = 0.0, pinballHighSum = 0.0, covered = 0
        var naiveSums = [Double](repeating: 0, count: naiveNames.count)

        for row in indices {
            let y = Double(actual[row])
            guard y.isFinite else { missing += 1; continue }
            let f = Double(p50[row])
            let error = abs(y - f)
            absoluteErrors.append(error)
            squaredSum += error * error
            absActualSum += abs(y)
            if let tailThreshold, abs(y) > tailThreshold {} else { bodySum += error; bodyCount += 1 }
            if (y > 0) == (f > 0) { signHits += 1 }
            if y > 0 { positives += 1 }
            if let p10, let p90 {
                let low = Double(p10[row]), high = Double(p90[row])
                pinballLowSum += pinball(actual: y, forecast: low, quantile: 0.1)
                pinballHighSum += pinball(actual: y, forecast: high, quantile: 0.9)
                if low <= y && y <= high { covered += 1 }
            }
            for column in naiveColumns.indices { naiveSums[column] += abs(y - Double(naiveColumns[column][row])) }
        }

        let n = absoluteErrors.count
        func mean(_ sum: Double) -> Double? { n > 0 ? sum / Double(n) : nil }
        func ratio(_ numerator: Double?, _ denominator: Double?) -> Double? {
            guard let numerator, let denominator, denominator > 0 else { return nil }
            return numerator / denominator
        }
        let mae = mean(absoluteErrors.reduce(0, +))
        let zeroMAE = mean(absActualSum)
        var naiveMAE = [String: Double]()
        if n > 0 { for (name, sum) in zip(naiveNames, naiveSums) { naiveMAE[name] = sum / Double(n) } }
        // Ties go to the first name in sorted order, so the choice is deterministic.
        let bestNaive = naiveMAE.sorted { $0.key < $1.key }.min { $0.value < $1.value }?.key
        let hasInterval = p10 != nil && p90 != nil
        let positiveShare = mean(Double(positives))

        return ErrorMetrics(
            rows: n,
            missingActualRows: missing,
            mae: mae,
            rmse: mean(squaredSum).map { $0.squareRoot() },
            medianAbsoluteError: Percentile.median(of: &absoluteErrors),
            zeroForecastMAE: zeroMAE,
            relativeMAEVsZero: ratio(mae, zeroMAE),
            naiveMAE: naiveMAE,
            bestNaive: bestNaive,
            relativeMAEVsBestNaive: ratio(mae, bestNaive.flatMap { naiveMAE[$0] }),
            maeExcludingTail: bodyCount > 0 ? bodySum / Double(bodyCount) : nil,
            tailRows: n - bodyCount,
            signAccuracy: mean(Double(signHits)),
            majorityClassRate: positiveShare.map { max($0, 1 - $0) },
            pinball10: hasInterval ? mean(pinballLowSum) : nil,
            pinball50: mae.map { $0 / 2 },  // pinball at 0.5 is half the absolute error
            pinball90: hasInterval ? mean(pinballHighSum) : nil,
            coverage10to90: hasInterval ? mean(Double(covered)) : nil
        )
    }

    /// Pinball (quantile) loss of one forecast: under-forecasts cost `q`, over-forecasts `1 − q`.
    static func pinball(actual: Double, forecast: Double, quantile: Double) -> Double {
        let difference = actual - forecast
        return difference >= 0 ? quantile * difference : (quantile - 1) * difference
    }
}
