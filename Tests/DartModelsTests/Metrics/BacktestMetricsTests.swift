import Foundation
import Testing
@testable import DartModels

/// Slice metrics, Diebold–Mariano, the sign strategy and quantile calibration on hand-computed rows.
@Suite struct BacktestMetricsTests {
    static func close(_ value: Double?, _ expected: Double, tolerance: Double = 1e-9) -> Bool {
        guard let value else { return false }
        return abs(value - expected) <= tolerance * max(1, abs(expected))
    }

    // MARK: - SliceMetrics

    @Test func sliceMetricsMatchHandComputation() {
        let actual: [Float] = [10, -4, .nan, 2, 0], forecast: [Float] = [8, -1, 5, -2, 1]
        let all = SliceMetrics.score(actual: actual, forecast: forecast, indices: actual.indices)
        #expect(all.rows == 4)                         // row 2 has no actual
        #expect(Self.close(all.mae, 2.5))              // (2+3+4+1)/4
        #expect(Self.close(all.zeroForecastMAE, 4))    // (10+4+2+0)/4
        #expect(Self.close(all.relativeMAEVsZero, 0.625))
        #expect(Self.close(all.signAccuracy, 0.5))     // rows 0, 1 agree; 3 (+ vs −) and 4 (0 vs +) do not
        let some = SliceMetrics.score(actual: actual, forecast: forecast, indices: [1, 2])
        #expect(some.rows == 1 && Self.close(some.mae, 3) && Self.close(some.relativeMAEVsZero, 0.75) && Self.close(some.signAccuracy, 1))
    }

    @Test func anEmptySliceHasNoRowsAndNoScores() {
        let slice = SliceMetrics.score(actual: [.nan, 3], forecast: [1, 1], indices: [0])
        #expect(slice == SliceMetrics(rows: 0))
        #expect(slice.mae == nil && slice.relativeMAEVsZero == nil && slice.signAccuracy == nil)
    }

    @Test func sliceMetricsAgreeWithTheFullReport() throws {
        let actual: [Float] = [12, -3, 7, 0, -20, 5], forecast: [Float] = [3, -1, -2, 4, -6, 5]
        let full = try MetricsReport.evaluate(EvaluationRows(actual: actual, forecast: QuantileForecast(p50: forecast),
                                                             points: Array(repeating: "P", count: 6), hourEndings: Array(1...6))).overall
        let slice = SliceMetrics.score(actual: actual, forecast: forecast, indices: actual.indices)
        #expect(slice.rows == full.rows)
        #expect(Self.close(slice.mae, full.mae!) && Self.close(slice.relativeMAEVsZero, full.relativeMAEVsZero!))
        #expect(Self.close(slice.signAccuracy, full.signAccuracy!))
    }

    // MARK: - Diebold–Mariano

    @Test func dieboldMarianoMatchesAHandComputedExample() {
        // d = 1, 2, 3, 4: mean 2.5; γ0 = 5/4; γ1 = (0.75 − 0.25 + 0.75)/4 = 0.3125;
        // LRV(lag 1) = 1.25 + 2 · (1 − 1/2) · 0.3125 = 1.5625; DM = 2.5 / sqrt(1.5625/4) = 4.
        let d = [1.0, 2, 3, 4]
        #expect(Self.close(DieboldMariano.neweyWestLongRunVariance(d, lag: 0), 1.25))
        #expect(Self.close(DieboldMariano.neweyWestLongRunVariance(d, lag: 1), 1.5625))
        let result = DieboldMariano.test(d, lag: 1)
        #expect(result.n == 4 && result.lag == 1)
        #expect(Self.close(result.meanDifferential, 2.5))
        #expect(Self.close(result.statistic, 4))
        #expect(Self.close(result.pValue, 6.334248366623993e-05, tolerance: 1e-6))  // 2 · (1 − Φ(4))
        let noLag = DieboldMariano.test(d, lag: 0)                                     // 2.5 / sqrt(1.25/4) = √20
        #expect(Self.close(noLag.statistic, 20.0.squareRoot()))
        #expect(Self.close(noLag.pValue, 7.744216431044096e-06, tolerance: 1e-6))
        #expect(Self.close(DieboldMariano.test(d.map { -$0 }, lag: 1).statistic, -4))  // sign follows the mean
    }

    @Test func pValueIsTwoSidedNormal() {
        #expect(Self.close(DieboldMariano.twoSidedNormalPValue(0), 1))
        #expect(Self.close(DieboldMariano.twoSidedNormalPValue(1.959963984540054), 0.05, tolerance: 1e-9))
        #expect(Self.close(DieboldMariano.twoSidedNormalPValue(-1.959963984540054), 0.05, tolerance: 1e-9))
    }

    @Test func defaultLagIsAtLeastAWeekAndGrowsWithTheCubeRoot() {
        #expect(DieboldMariano.defaultLag(observations: 1) == 0)
        #expect(DieboldMariano.defaultLag(observations: 5) == 4)      // capped below n
        #expect(DieboldMariano.defaultLag(observations: 182) == 7)    // ceil(182^(1/3)) = 6 < 7
        #expect(DieboldMariano.defaultLag(observations: 512) == 8)    // exactly 8³
        #expect(DieboldMariano.defaultLag(observations: 513) == 9)
        #expect(DieboldMariano.test([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]).lag == 7)
    }

    @Test func dieboldMarianoIsUndefinedWithoutVariance() {
        let flat = DieboldMariano.test([1, 1, 1])
        #expect(Self.close(flat.meanDifferential, 1))
        #expect(flat.statistic == nil && flat.pValue == nil)
        #expect(DieboldMariano.test([]).n == 0)
        #expect(DieboldMariano.test([2]).statistic == nil)
    }

    @Test func lossDifferentialsAreAveragedPerDayInDayOrder() {
        // Row 0: |10−8| − |10−0| = −8; row 1: |0−1| − 0 = 1; row 2 has no actual; row 3: 0 − 5 = −5.
        let series = DieboldMariano.groupedAbsoluteLossDifferentials(
            actual: [10, 0, .nan, -5], model: [8, 1, 0, -5], reference: [0, 0, 0, 0], group: [3, 3, 1, 1])
        #expect(series.rows == 3)
        #expect(series.differentials == [-5, -3.5])  // day 1 first, then day 3's mean of −8 and 1
    }

    // MARK: - Sign strategy

    static let tradeActual: [Float] = [10, -4, 3, -6, 0, .nan]
    static let tradeForecast: [Float] = [8, 1, -3, -1.5, 6, 9]

    @Test func signStrategyAtTwoDollars() {
        // Long row 0 (+10), short row 2 (−3), long row 4 (0, a miss); rows 1 and 3 stay flat; row 5 has no actual.
        let r = SignStrategy.evaluate(actual: Self.tradeActual, forecast: Self.tradeForecast, threshold: 2)
        #expect(r.rows == 5 && r.trades == 3 && r.longTrades == 2 && r.shortTrades == 1)
        #expect(Self.close(r.totalPnL, 7))
        #expect(Self.close(r.pnlPerMWh, 7.0 / 3))
        #expect(Self.close(r.hitRate, 1.0 / 3))
        #expect(Self.close(r.magnitudeWeightedHitRate, 10.0 / 13))  // 10 / (10 + 3 + 0)
        #expect(Self.close(r.shareOfPerfectForesight, 7.0 / 23))    // Σ|actual| = 10+4+3+6+0
    }

    @Test func signStrategyAtZeroAndFiveDollars() {
        let zero = SignStrategy.evaluate(actual: Self.tradeActual, forecast: Self.tradeForecast, threshold: 0)
        #expect(zero.trades == 5 && Self.close(zero.totalPnL, 9) && Self.close(zero.pnlPerMWh, 1.8))  // 10 − 4 − 3 + 6 + 0
        #expect(Self.close(zero.hitRate, 0.4) && Self.close(zero.magnitudeWeightedHitRate, 16.0 / 23))
        let five = SignStrategy.evaluate(actual: Self.tradeActual, forecast: Self.tradeForecast, threshold: 5)
        #expect(five.trades == 2 && Self.close(five.totalPnL, 10) && Self.close(five.hitRate, 0.5))
        #expect(Self.close(five.magnitudeWeightedHitRate, 1) && Self.close(five.shareOfPerfectForesight, 10.0 / 23))
    }

    @Test func aForecastOnTheThresholdStaysFlat() {
        #expect(SignStrategy.position(forecast: 2, threshold: 2) == 0)
        #expect(SignStrategy.position(forecast: -2, threshold: 2) == 0)
        #expect(SignStrategy.position(forecast: 2.01, threshold: 2) == 1)
        #expect(SignStrategy.position(forecast: -2.01, threshold: 2) == -1)
        let none = SignStrategy.evaluate(actual: [5, -5], forecast: [1, -1], threshold: 2)
        #expect(none.trades == 0 && none.pnlPerMWh == nil && none.hitRate == nil && Self.close(none.shareOfPerfectForesight, 0))
    }

    // MARK: - Calibration

    @Test func calibrationCountsActualsStrictlyBelowEachQuantile() throws {
        let forecast = QuantileForecast(p50: [2, 4, 10, 1, 0, 0], p10: [0, 0, 0, 0, .nan, 0], p90: [3, 6, 12, 2, 5, 0])
        let c = try #require(QuantileCalibration.observe(actual: [2, 5, 9, -2, 1, .nan], forecast: forecast))
        #expect(c.rows == 4)                        // row 4 has no P10, row 5 no actual
        #expect(Self.close(c.belowP10, 0.25))       // only −2 < 0
        #expect(Self.close(c.belowP50, 0.5))        // 9 < 10 and −2 < 1; 2 on its P50 is not below
        #expect(Self.close(c.belowP90, 1))
        #expect(QuantileCalibration.observe(actual: [1], forecast: QuantileForecast(p50: [0])) == nil)
    }
}
