import DartData
import DartCore
import DartModels
import DartPublish
import Foundation
import Testing
@testable import DartPipeline

/// A real (small) walk-forward run on the bundled sample: 4 hubs, hourly product, four target
/// days, fast LightGBM. Checks that the run fills the rows the report needs.
@Suite struct BacktestRunTests {
    @Test func aRunFillsDAMKnownTheEvaluationProgressAndTheFiles() throws {
        let fixture = try PipelineFixture()
        try fixture.dropSampleIntoInbox()
        let workspace = try fixture.workspace(json: PipelineFixture.settingsJSON())
        let store = try workspace.marketStore()
        _ = try InboxIngest(dataDirectory: fixture.dataDirectory, logger: workspace.logger).run(store: store)
        let points = try workspace.points(in: store)
        let history = try store.loadHistory(points: points, fromUTC: nil, toUTC: nil)
        let configuration = BacktestConfiguration(product: .hourly, from: OperatingDay("2024-11-25")!, to: OperatingDay("2024-11-28")!,
                                                  families: [.lightgbm], trainingWindowDays: 45, ensemble: false, regimeDates: ["2024-11-27"])
        let progress = Captured()
        let backtest = WalkForwardBacktest(rules: workspace.rules, families: workspace.families, logger: workspace.logger) { progress.append($0) }
        let (result, forecasts) = try backtest.run(history: history, builder: try workspace.featureBuilder(pointCategories: points),
                                                   configuration: configuration)

        #expect(progress.lines.count == 1 && progress.lines[0].hasPrefix("refit 1/1  elapsed ") && progress.lines[0].contains("ETA 0s"))
        #expect(forecasts.damKnown.count == forecasts.actual.count && forecasts.operatingDays.count == forecasts.actual.count)
        // The DAM of the issue's own operating day is always known; the next day's only after ~13:30 CT.
        let zone = workspace.rules.timeZone
        var sawUnknown = false, sawKnownNextDay = false
        for row in forecasts.actual.indices {
            let issueDay = zone.operatingDay(containing: forecasts.issueUTC[row])
            if forecasts.operatingDays[row] == issueDay {
                #expect(forecasts.damKnown[row], "row \(row): same-day DAM must be known")
            } else {
                let issueHourLocal = (forecasts.issueUTC[row] - zone.startOfDayUTC(issueDay)) / 3600
                if issueHourLocal < 13 { #expect(!forecasts.damKnown[row], "row \(row): next-day DAM is not published before 13:30") }
                if issueHourLocal >= 14 { #expect(forecasts.damKnown[row], "row \(row): next-day DAM is published by 14:05") }
                sawUnknown = sawUnknown || !forecasts.damKnown[row]
                sawKnownNextDay = sawKnownNextDay || forecasts.damKnown[row]
            }
        }
        #expect(sawUnknown && sawKnownNextDay)

        let evaluation = try #require(result.evaluation)
        #expect(evaluation.horizonBuckets.map(\.label) == HorizonBuckets.hourly.map(\.label))
        #expect(evaluation.horizonBuckets.allSatisfy { $0.rows > 0 })
        #expect(evaluation.damKnown.allSatisfy { $0.rows > 0 })
        #expect(evaluation.regimes.count == 1 && evaluation.regimes[0].before.rows > 0 && evaluation.regimes[0].onOrAfter.rows > 0)
        #expect(evaluation.dieboldMariano.comparisons.count == 2 && evaluation.dieboldMariano.comparisons.allSatisfy { $0.test.n >= 4 })

        let folder = fixture.dataDirectory.appendingPathComponent("backtest")
        let files = try BacktestReport.writeFiles(result, forecasts: forecasts, to: folder)
        #expect(files.map(\.lastPathComponent) == ["backtest.json", "backtest.html", "predictions.parquet"])
        #expect(try ParquetCodec.read(files[2]).rowCount == forecasts.actual.count)
    }

    @Test func monthlyRefitsFoldOnThePreviousRefitPeriodsWithTheirOwnModels() throws {
        let fixture = try PipelineFixture()
        try fixture.dropSampleIntoInbox(lines: PipelineFixture.sliceLines(from: "2024-06-01", through: "2024-11-30"))
        let workspace = try fixture.workspace(json: PipelineFixture.settingsJSON(families: ["lightgbm", "mlp"]))
        let store = try workspace.marketStore()
        _ = try InboxIngest(dataDirectory: fixture.dataDirectory, logger: workspace.logger).run(store: store)
        let points = try workspace.points(in: store)
        let history = try store.loadHistory(points: points, fromUTC: nil, toUTC: nil)
        var configuration = BacktestConfiguration(product: .dayahead, from: OperatingDay("2024-10-01")!, to: OperatingDay("2024-11-30")!,
                                                  families: [.lightgbm, .mlp], ensemble: false, cvFolds: 3)
        #expect(configuration.foldsOnRefitPeriods)
        let backtest = WalkForwardBacktest(rules: workspace.rules, families: workspace.families, logger: workspace.logger)
        let builder = try workspace.featureBuilder(pointCategories: points)
        let (result, _) = try backtest.run(history: history, builder: builder, configuration: configuration)
        #expect(result.periods.count == 2)
        let first = try #require(result.periods[0].crossValidation), second = try #require(result.periods[1].crossValidation)
        // Folds are the three months before each refit: the second refit's newest fold is the first refit's period.
        #expect(first.folds.map(\.origin) == ["2024-06-30T10:00:00Z", "2024-07-31T10:00:00Z", "2024-08-31T10:00:00Z"])
        #expect(second.folds.map(\.origin) == first.folds.dropFirst().map(\.origin) + [result.periods[0].cutoffUTC])
        // A shared fold whose rows were all known at both refits scores the same in both (the MLP
        // has no rounds to choose; a booster's score moves with each refit's chosen rounds).
        #expect(second.folds[0].familyMAE["mlp"] != nil && second.folds[0].familyMAE["mlp"] == first.folds[1].familyMAE["mlp"])
        #expect(second.folds[0].testRows == first.folds[1].testRows)

        configuration.sharedFolds = false
        #expect(!configuration.foldsOnRefitPeriods)
        let (exact, _) = try backtest.run(history: history, builder: builder, configuration: configuration)
        let exactFolds = try #require(exact.periods[0].crossValidation).folds.map(\.origin)
        #expect(exactFolds != first.folds.map(\.origin) && exactFolds.count == 3)
    }
}
