import DartCore
import DartModels
import Foundation
@testable import DartPipeline

/// A hand-made hourly backtest of six rows issued 2025-12-04 10:05 CST (16:05 UTC), two points,
/// one trained model (LightGBM, with a band) and two baselines. Row 3 has no actual; LightGBM
/// failed on row 5 (NaN, scored as a zero forecast). Targets on 2025-12-04 had a known DAM price.
///
/// | row | lead | point | day        | DAM known | actual | lightgbm P10 / P50 / P90 |
/// |-----|------|-------|------------|-----------|--------|--------------------------|
/// | 0   | 1    | A     | 2025-12-04 | yes       | 10     | 5 / 8 / 12               |
/// | 1   | 2    | B     | 2025-12-04 | yes       | −4     | −6 / −1 / 0              |
/// | 2   | 5    | A     | 2025-12-04 | yes       | 6      | 0 / 2 / 4                |
/// | 3   | 9    | A     | 2025-12-04 | yes       | –      | 0 / 1 / 2                |
/// | 4   | 14   | B     | 2025-12-05 | no        | −8     | −9 / −2 / 1              |
/// | 5   | 24   | A     | 2025-12-05 | no        | 4      | – (failed)               |
enum SmallBacktest {
    static let issueUTC = UTCFormat.parse("2025-12-04T16:05:00Z")!
    static let leads = [1, 2, 5, 9, 14, 24]

    static func forecasts() -> WalkForwardBacktest.Forecasts {
        var f = WalkForwardBacktest.Forecasts()
        f.actual = [10, -4, 6, .nan, -8, 4]
        f.issueUTC = Array(repeating: issueUTC, count: 6)
        f.targetUTC = leads.map { issueUTC + 55 * 60 + Int64($0 - 1) * 3600 }
        f.points = ["A", "B", "A", "A", "B", "A"]
        f.hourEndings = [12, 13, 16, 20, 1, 11]
        let d4 = OperatingDay("2025-12-04")!, d5 = OperatingDay("2025-12-05")!
        f.operatingDays = [d4, d4, d4, d4, d5, d5]
        f.damKnown = [true, true, true, true, false, false]
        f.append("lightgbm", QuantileForecast(p50: [8, -1, 2, 1, -2, .nan], p10: [5, -6, 0, 0, -9, .nan], p90: [12, 0, 4, 2, 1, .nan]))
        f.append("zero", QuantileForecast(p50: Array(repeating: 0, count: 6)))
        f.append("trailing_median", QuantileForecast(p50: Array(repeating: 3, count: 6)))
        return f
    }

    static func configuration(regimeDates: [String] = ["2025-12-05", "2025-12-04", "2026-06-01"]) -> BacktestConfiguration {
        BacktestConfiguration(product: .hourly, from: OperatingDay("2025-12-04")!, to: OperatingDay("2025-12-05")!,
                              families: [.lightgbm], ensemble: false, regimeDates: regimeDates)
    }

    /// The result as `WalkForwardBacktest.run` assembles it, evaluation included.
    static func result(_ f: WalkForwardBacktest.Forecasts = forecasts(), configuration: BacktestConfiguration = configuration()) throws -> BacktestResult {
        let scores = try f.modelOrder.map { name in
            let rows = try EvaluationRows(actual: f.actual, forecast: WalkForwardBacktest.maskMissing(f.byModel[name]!, actual: f.actual),
                                          points: f.points, hourEndings: f.hourEndings)
            return BacktestResult.ModelScore(name: name, kind: name == "lightgbm" ? .trained : .baseline, report: try MetricsReport.evaluate(rows))
        }
        var result = BacktestResult(
            configuration: configuration, generatedAtUTC: "2025-12-06T00:00:00Z", periods: [], models: scores, best: "lightgbm",
            bestBeatsZero: true, bestBeatsEveryNaive: true,
            timings: .init(totalSeconds: 1, featureSeconds: 0, fitSeconds: 0, predictSeconds: 0, featureRows: 6, featureRowsPerSecond: 0))
        result.evaluation = try BacktestEvaluation.evaluate(f, result: result)
        return result
    }
}
