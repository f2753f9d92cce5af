import DartFeatures
import DartModels
import Foundation

/// P10–P90 bands calibrated on data the model did not train on, in one of two ways.
///
/// **Residual bands** (`fitResidual`, the default with cross-validation): P10/P90 = P50 plus the
/// 10th/90th percentile of out-of-fold residuals, each residual divided by the row's recent
/// DART volatility (`scaleFeature`) so the band widens in volatile weeks (locally scaled split
/// conformal). It needs no quantile boosters, which would triple every booster fit.
///
/// **Quantile-band adjustment** (`fit`): split-conformal widening of a model's P10–P90 band (conformalized quantile regression):
/// on validation rows, the score of a row is how far the actual falls outside the band; the
/// band is widened (or narrowed) by the score's quantile so that about 80% of rows fall inside.
///
/// Quantile models trained on a window whose volatility differs from the next month's cover
/// too little or too much; this corrects the width with data the model did not train on.
public struct IntervalCalibration: Codable, Hashable, Sendable {
    public static let fileName = "calibration.json"

    /// Added to P90 and subtracted from P10 ($/MWh); may be negative.
    public var adjustment: Float
    /// The coverage the adjustment targets (0.8 for P10–P90).
    public var targetCoverage: Double
    public var validationRows: Int
    /// Coverage on the validation rows before and after the adjustment.
    public var coverageBefore: Double
    public var coverageAfter: Double
    /// Residual bands: P10 = P50 + lowerOffset × scale, P90 = P50 + upperOffset × scale.
    public var lowerOffset: Float?
    public var upperOffset: Float?
    /// The feature column whose value is a row's scale ($/MWh), and the typical scale that
    /// replaces a missing value and bounds the others to [¼, 4] × it.
    public var scaleFeature: String?
    public var typicalScale: Float?

    /// The default volatility column for residual bands: the standard deviation of DART over
    /// every hour of the last 7 fully known days.
    public static let defaultScaleFeature = FeatureBuilder.Configuration.bandScaleColumn

    public static let none = IntervalCalibration(adjustment: 0, targetCoverage: 0.8, validationRows: 0, coverageBefore: .nan, coverageAfter: .nan)

    /// Fits the adjustment on validation rows. Returns `.none` when the forecast has no band or
    /// there are too few rows to be meaningful.
    public static func fit(forecast: QuantileForecast, actual: [Float], targetCoverage: Double = 0.8) -> IntervalCalibration {
        guard let p10 = forecast.p10, let p90 = forecast.p90 else { return .none }
        var scores: [Float] = []
        scores.reserveCapacity(actual.count)
        var inside = 0
        for index in actual.indices where actual[index].isFinite {
            let score = max(p10[index] - actual[index], actual[index] - p90[index])
            scores.append(score)
            if score <= 0 { inside += 1 }
        }
        guard scores.count >= 50 else { return .none }
        scores.sort()
        let n = scores.count
        let rank = min(n - 1, Int((Double(n + 1) * targetCoverage).rounded(.up)) - 1)
        let adjustment = scores[max(rank, 0)]
        let after = scores.reduce(0) { $0 + ($1 <= adjustment ? 1 : 0) }
        return IntervalCalibration(adjustment: adjustment, targetCoverage: targetCoverage, validationRows: n,
                                   coverageBefore: Double(inside) / Double(n), coverageAfter: Double(after) / Double(n))
    }

    /// Fits residual bands from out-of-fold P50 forecasts; `.none` with fewer than 50 rows.
    public static func fitResidual(p50: [Float], actual: [Float], features: FeatureMatrix,
                                   scaleFeature: String = defaultScaleFeature, coverage: Double = 0.8) -> IntervalCalibration {
        let column = features.column(named: scaleFeature)
        var rawScales: [Float] = []
        if let column { for row in 0..<features.rowCount where features[row, column].isFinite && features[row, column] > 0 { rawScales.append(features[row, column]) } }
        rawScales.sort()
        let typical = rawScales.isEmpty ? Float(1) : rawScales[rawScales.count / 2]
        let scales = Self.scales(features, column: column, typical: typical)
        var normalized: [Float] = []
        for row in actual.indices where actual[row].isFinite && p50[row].isFinite {
            normalized.append((actual[row] - p50[row]) / scales[row])
        }
        guard normalized.count >= 50 else { return .none }
        normalized.sort()
        func quantile(_ q: Double) -> Float { normalized[min(normalized.count - 1, max(0, Int((Double(normalized.count) * q).rounded(.down))))] }
        let tail = (1 - coverage) / 2
        let lower = min(quantile(tail), 0), upper = max(quantile(1 - tail), 0)
        let inside = normalized.reduce(0) { $0 + ($1 >= lower && $1 <= upper ? 1 : 0) }
        return IntervalCalibration(adjustment: 0, targetCoverage: coverage, validationRows: normalized.count, coverageBefore: .nan,
                                   coverageAfter: Double(inside) / Double(normalized.count), lowerOffset: lower, upperOffset: upper,
                                   scaleFeature: column == nil ? nil : scaleFeature, typicalScale: typical)
    }

    /// Per-row scale: the column's value bounded to [¼, 4] × typical, typical where missing.
    static func scales(_ features: FeatureMatrix, column: Int?, typical: Float) -> [Float] {
        guard let column else { return [Float](repeating: typical, count: features.rowCount) }
        return (0..<features.rowCount).map { row in
            let value = features[row, column]
            return value.isFinite && value > 0 ? min(max(value, typical / 4), typical * 4) : typical
        }
    }

    /// The forecast with its calibrated band; P50 is untouched and the band never crosses it.
    /// Residual bands read the scale column from `features` (the rows of `forecast`).
    public func apply(to forecast: QuantileForecast, features: FeatureMatrix) -> QuantileForecast {
        guard let lowerOffset, let upperOffset, let typicalScale else { return apply(to: forecast) }
        let scales = Self.scales(features, column: scaleFeature.flatMap { features.column(named: $0) }, typical: typicalScale)
        var out = forecast
        out.p10 = zip(forecast.p50, scales).map { $0 + min(lowerOffset, 0) * $1 }
        out.p90 = zip(forecast.p50, scales).map { $0 + max(upperOffset, 0) * $1 }
        return out
    }

    /// The forecast with the band moved; P50 is untouched and the band never crosses it.
    public func apply(to forecast: QuantileForecast) -> QuantileForecast {
        guard adjustment != 0, let p10 = forecast.p10, let p90 = forecast.p90 else { return forecast }
        var out = forecast
        out.p10 = zip(p10, forecast.p50).map { min($0 - adjustment, $1) }
        out.p90 = zip(p90, forecast.p50).map { max($0 + adjustment, $1) }
        return out
    }

    public func save(in directory: URL) throws -> URL {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let url = directory.appendingPathComponent(Self.fileName)
        try encoder.encode(self).write(to: url, options: .atomic)
        return url
    }

    public static func load(in directory: URL) throws -> IntervalCalibration {
        let url = directory.appendingPathComponent(fileName)
        guard FileManager.default.fileExists(atPath: url.path) else { return .none }
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try decoder.decode(IntervalCalibration.self, from: Data(contentsOf: url))
    }
}
