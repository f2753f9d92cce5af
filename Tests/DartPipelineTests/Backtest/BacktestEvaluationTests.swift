import DartCore
import DartFeatures
import DartModels
import Foundation
import Testing
@testable import DartPipeline

/// The report's tables on `SmallBacktest`'s hand-checked rows.
@Suite struct BacktestEvaluationTests {
    static func close(_ value: Double?, _ expected: Double) -> Bool {
        guard let value else { return false }
        return abs(value - expected) <= 1e-9 * max(1, abs(expected))
    }

    static func metrics(_ slice: BacktestEvaluation.Slice, _ model: String) -> SliceMetrics? {
        slice.models.first { $0.model == model }?.metrics
    }

    @Test func horizonBucketsFollowTheLeadInWholeHours() throws {
        let e = try #require(try SmallBacktest.result().evaluation)
        #expect(e.horizonBuckets.map(\.label) == ["1–2 h", "3–6 h", "7–12 h", "13–24 h"])
        #expect(e.horizonBuckets.map(\.rows) == [2, 1, 0, 2])  // the 7–12 h row has no actual
        let near = try #require(Self.metrics(e.horizonBuckets[0], "lightgbm"))
        #expect(Self.close(near.mae, 2.5) && Self.close(near.relativeMAEVsZero, 2.5 / 7) && Self.close(near.signAccuracy, 1))
        let far = try #require(Self.metrics(e.horizonBuckets[3], "lightgbm"))
        // Row 5 failed and counts as a zero forecast: |−8 − (−2)| and |4 − 0|.
        #expect(Self.close(far.mae, 5) && Self.close(far.relativeMAEVsZero, 5.0 / 6) && Self.close(far.signAccuracy, 0.5))
        #expect(Self.metrics(e.horizonBuckets[2], "lightgbm")?.mae == nil)
        // Every model is in the JSON tables, not only the featured ones.
        #expect(e.horizonBuckets[0].models.map(\.model).sorted() == ["lightgbm", "trailing_median", "zero"])
    }

    @Test func leadsAndDayAheadBucket() {
        let issue = UTCFormat.parse("2025-12-04T16:05:00Z")!
        #expect(HorizonBuckets.lead(issueUTC: issue, targetUTC: issue + 55 * 60) == 1)
        #expect(abs(HorizonBuckets.horizonHours(issueUTC: issue, targetUTC: issue + 55 * 60) - 55.0 / 60) < 1e-12)
        #expect(HorizonBuckets.lead(issueUTC: issue, targetUTC: issue + 55 * 60 + 3600) == 2)
        #expect(HorizonBuckets.lead(issueUTC: issue, targetUTC: issue + 55 * 60 + 2 * 3600) == 3)
        // Day-ahead: 05:00 CST on D−1 to HE 1 of D is exactly 19 h; one bucket labelled with the leads seen.
        let buckets = HorizonBuckets.buckets(product: .dayahead, leads: [19, 30, 42])
        #expect(buckets.map(\.label) == ["19–42 h (all day-ahead rows)"])
        #expect(HorizonBuckets.buckets(product: .hourly, leads: [1, 24]).count == 4)
        #expect(HorizonBuckets.buckets(product: .hourly, leads: [1, 30]).last?.label == "over 24 h")
    }

    @Test func damKnownSplitsTheRows() throws {
        let e = try #require(try SmallBacktest.result().evaluation)
        #expect(e.damKnown.map(\.label) == [BacktestEvaluation.damKnownLabel, BacktestEvaluation.damUnknownLabel])
        #expect(e.damKnown.map(\.rows) == [3, 2])
        #expect(Self.close(Self.metrics(e.damKnown[0], "lightgbm")?.mae, 3))                 // (2+3+4)/3
        #expect(Self.close(Self.metrics(e.damKnown[0], "lightgbm")?.relativeMAEVsZero, 0.45)) // 3 / (20/3)
        #expect(Self.close(Self.metrics(e.damKnown[0], "trailing_median")?.mae, 17.0 / 3))   // (7+7+3)/3
        #expect(Self.close(Self.metrics(e.damKnown[1], "lightgbm")?.mae, 5))
    }

    @Test func damKnownComesFromThePublishedDAMFeature() throws {
        let features = FeatureMatrix(names: ["hour_ending", "dam_target_published"], rowCount: 3, values: [1, .nan, 2, 31.5, 3, -12])
        #expect(try WalkForwardBacktest.damKnown(features) == [false, true, true])
        let without = FeatureMatrix(names: ["hour_ending"], rowCount: 1, values: [1])
        #expect(throws: PipelineError.self) { try WalkForwardBacktest.damKnown(without) }
    }

    @Test func monthsAndRegimeSplits() throws {
        let e = try #require(try SmallBacktest.result().evaluation)
        #expect(e.featuredModels == ["lightgbm", "trailing_median", "zero"])
        #expect(e.months.map(\.label) == ["2025-12"] && e.months[0].rows == 5)
        #expect(e.months[0].models.map(\.model) == e.featuredModels)
        #expect(e.regimes.map(\.date) == ["2025-12-05", "2025-12-04"])
        let rtc = e.regimes[0]
        #expect(rtc.before.rows == 3 && rtc.onOrAfter.rows == 2)
        #expect(Self.close(Self.metrics(rtc.before, "lightgbm")?.mae, 3) && Self.close(Self.metrics(rtc.onOrAfter, "lightgbm")?.mae, 5))
        // A date on the window's first day: nothing before it.
        #expect(e.regimes[1].before.rows == 0 && e.regimes[1].onOrAfter.rows == 5)
        #expect(e.notes.contains { $0.contains("2026-06-01") && $0.contains("outside") })
    }

    @Test func aRegimeDateTheDayAfterTheWindowBordersIt() throws {
        let e = try #require(try SmallBacktest.result(configuration: SmallBacktest.configuration(regimeDates: ["2025-12-06", "2025-12-07"])).evaluation)
        #expect(e.regimes.map(\.date) == ["2025-12-06"])
        #expect(e.regimes[0].before.rows == 5 && e.regimes[0].onOrAfter.rows == 0)
        #expect(e.notes.contains { $0.contains("2025-12-07") })
    }

    @Test func regimeDatesMustBeISODates() {
        #expect(throws: PipelineError.self) { try BacktestConfiguration.regimeDay("12/05/2025") }
        #expect(throws: PipelineError.self) { try BacktestConfiguration.regimeDay("2025-13-01") }
        #expect(throws: PipelineError.self) { try SmallBacktest.result(configuration: SmallBacktest.configuration(regimeDates: ["Dec 5"])) }
        #expect(BacktestConfiguration(product: .dayahead, from: OperatingDay("2025-01-01")!, to: OperatingDay("2025-01-31")!).regimeDates == ["2025-12-05"])
    }

    @Test func misalignedForecastsAreRefused() {
        var f = SmallBacktest.forecasts()
        f.damKnown.removeLast()
        #expect(throws: MetricsError.self) { try BacktestEvaluation.checkAligned(f) }
    }

    @Test func tradingViewForTrainedModelsAndTheTrailingMedian() throws {
        let view = try #require(try SmallBacktest.result().evaluation).trading
        #expect(view.label.hasPrefix("Reference only"))   // hourly product
        #expect(view.thresholds == [0, 2, 5])
        #expect(view.models.map(\.model) == ["lightgbm", "trailing_median"])
        let lgbm = view.models[0].byThreshold
        // P50 after masking: 8, −1, 2, 1, −2, 0. At $0 every row with an actual but row 5 trades, all winning.
        #expect(lgbm[0].trades == 4 && Self.close(lgbm[0].totalPnL, 28) && Self.close(lgbm[0].hitRate, 1))
        #expect(Self.close(lgbm[0].shareOfPerfectForesight, 28.0 / 32))
        #expect(lgbm[1].trades == 1 && Self.close(lgbm[1].totalPnL, 10))  // 2 and −2 sit on the threshold
        let median = view.models[1].byThreshold
        #expect(median[1].trades == 5 && Self.close(median[1].totalPnL, 8) && median[2].trades == 0)
    }

    @Test func dieboldMarianoOnDailyDifferentials() throws {
        let dm = try #require(try SmallBacktest.result().evaluation).dieboldMariano
        #expect(dm.comparisons.map(\.reference) == ["zero", "trailing_median"])
        let zero = dm.comparisons[0]
        #expect(zero.model == "lightgbm" && zero.rows == 5 && zero.test.n == 2 && zero.test.lag == 1)
        #expect(Self.close(zero.test.meanDifferential, -7.0 / 3))     // days: (−8 −1 −2)/3 and (−2 + 0)/2
        #expect(Self.close(dm.comparisons[1].test.meanDifferential, -11.0 / 6))
    }

    @Test func calibrationOnlyForModelsWithABand() throws {
        let calibration = try #require(try SmallBacktest.result().evaluation).calibration
        #expect(calibration.map(\.model) == ["lightgbm"])
        let c = calibration[0].calibration
        #expect(c.rows == 4 && Self.close(c.belowP10, 0) && Self.close(c.belowP50, 0.5) && Self.close(c.belowP90, 0.75))
    }

    @Test func jsonKeepsTheExistingFieldsAndAddsTheEvaluation() throws {
        let object = try #require(try JSONSerialization.jsonObject(with: BacktestReport.json(SmallBacktest.result())) as? [String: Any])
        for key in ["configuration", "generatedAtUTC", "periods", "models", "best", "bestBeatsZero", "bestBeatsEveryNaive", "timings", "evaluation"] {
            #expect(object[key] != nil, "backtest.json lost \(key)")
        }
        let evaluation = try #require(object["evaluation"] as? [String: Any])
        for key in ["horizonBuckets", "damKnown", "months", "regimes", "trading", "dieboldMariano", "calibration", "notes"] {
            #expect(evaluation[key] != nil, "evaluation has no \(key)")
        }
        #expect((object["configuration"] as? [String: Any])?["regimeDates"] as? [String] == ["2025-12-05", "2025-12-04", "2026-06-01"])
    }

    @Test func htmlShowsEverySection() throws {
        let html = BacktestReport.html(try SmallBacktest.result(), forecasts: SmallBacktest.forecasts())
        for heading in ["Errors by horizon", "DAM of the target hour known at issue", "By target month", "Before / after market-regime dates",
                        "Trading view: sign strategy (hourly)", "Diebold–Mariano tests", "Calibration of the quantiles"] {
            #expect(html.contains(heading), "no section \(heading)")
        }
        #expect(html.contains("<td>no rows</td>"))
        #expect(html.contains("Share of actuals below each quantile"))
        #expect(html.contains("2026-06-01"))
    }

    /// The refit table says which inputs each refit left out and how often it showed each feed missing.
    @Test func htmlRefitsNameTheInputsEachRefitChanged() throws {
        var result = try SmallBacktest.result()
        var summary = CrossValidationSummary(folds: [], chosenRounds: [:], settings: [:], outOfFoldMAE: [:], zeroMAE: 1)
        let period = BacktestResult.Period(from: "2025-01-01", to: "2025-01-31", cutoffUTC: "2025-01-01T11:00:00Z", trainRows: 10,
                                           validationRows: 5, testRows: 5, fitSeconds: [:], failures: [:], ensembleWeights: [:],
                                           intervalAdjustments: [:], crossValidation: summary)
        result.periods = [period]
        #expect(BacktestReport.html(result, forecasts: SmallBacktest.forecasts()).contains("<td>all, as they arrived</td>"))
        summary.silencedColumns = ["load_actual_same_he_latest"]
        summary.youngFeedColumns = ["rt_interval_latest"]
        summary.simulatedOutageRows = ["rt_intervals": 0, "forecasts": 120]
        result.periods = [period, period]
        result.periods[1].crossValidation = summary
        let html = BacktestReport.html(result, forecasts: SmallBacktest.forecasts())
        #expect(html.contains("<td>left out (stopped arriving): load_actual_same_he_latest; left out (too little history): rt_interval_latest; shown missing: forecasts 120 rows, rt_intervals 0 rows</td>"))
        // A refit that used one validation slice has no record to tell.
        result.periods[1].crossValidation = nil
        let refits = try #require(BacktestReport.html(result, forecasts: SmallBacktest.forecasts()).components(separatedBy: "<h2>Refits</h2>").last)
        #expect(try #require(refits.components(separatedBy: "</table>").first).contains("<td>–</td>"))
    }

    /// A median ensemble's refit row names its voters; a weighted one shows their weights.
    @Test func htmlRefitsShowTheEnsembleAsItWasCombined() throws {
        var result = try SmallBacktest.result()
        result.periods = [BacktestResult.Period(from: "2025-01-01", to: "2025-01-31", cutoffUTC: "2025-01-01T11:00:00Z", trainRows: 10,
                                                validationRows: 5, testRows: 5, fitSeconds: [:], failures: [:],
                                                ensembleWeights: ["xgboost": 0.25, "lightgbm": 0.75], intervalAdjustments: [:])]
        result.configuration.ensembleCombination = .median
        var html = BacktestReport.html(result, forecasts: SmallBacktest.forecasts())
        #expect(html.contains("<th>ensemble (median of)</th>") && html.contains("<td>lightgbm, xgboost</td>"))
        result.configuration.ensembleCombination = .inverseMAE
        html = BacktestReport.html(result, forecasts: SmallBacktest.forecasts())
        #expect(html.contains("<th>ensemble weights</th>") && html.contains("<td>lightgbm 0.75, xgboost 0.25</td>"))
    }
}
