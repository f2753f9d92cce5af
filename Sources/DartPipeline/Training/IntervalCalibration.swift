import DartModels
import Foundation

/// Split-conformal widening of a model's P10–P90 band (conformalized quantile regression):
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
