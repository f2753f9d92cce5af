import DartConfig
import DartCore
import DartData
import DartFeatures
import DartModels
import DartTesting
import Foundation
import Testing
@testable import DartPipeline

/// `models.min_feed_history_days`: a non-price feed that began only weeks before a refit is left
/// out of it, unless the history is no longer than the feed's own.
@Suite(.serialized) struct YoungFeedTests {
    static let day: Int64 = 86_400
    static let cutoff: Int64 = 1_800_000_000

    /// One row a day for `days` days before the cutoff: a price column always there, the
    /// 15-minute feed's columns only on the last `feedDays`.
    static func matrix(days: Int, feedDays: Int) -> (FeatureMatrix, [Int64]) {
        let names = ["dart_same_he_latest", "rt_interval_latest", "rt_interval_mean_last_4"]
        var values: [Float] = []
        var issues: [Int64] = []
        for index in 0..<days {
            let daysBefore = days - index
            values += [1, daysBefore <= feedDays ? 2 : .nan, daysBefore <= feedDays ? 3 : .nan]
            issues.append(cutoff - Int64(daysBefore) * day)
        }
        return (FeatureMatrix(names: names, rowCount: days, values: values), issues)
    }

    @Test func onlyAFeedYoungerThanTheSettingAndHalfTheHistoryIsLeftOut() {
        let window = TrainingWindow(product: .dayahead, cutoffUTC: Self.cutoff, windowDays: 0).requiringFeedHistory(days: 60)
        func young(days: Int, feedDays: Int, window: TrainingWindow = window) -> [Int] {
            let (features, issues) = Self.matrix(days: days, feedDays: feedDays)
            return window.youngFeedColumns(in: features, issueUTC: issues)
        }
        #expect(young(days: 400, feedDays: 30) == [1, 2])
        #expect(young(days: 400, feedDays: 59) == [1, 2])
        #expect(young(days: 400, feedDays: 61) == [])
        // A short history whose feed began with (or soon after) its prices keeps it.
        #expect(young(days: 40, feedDays: 40) == [])
        #expect(young(days: 40, feedDays: 30) == [])
        #expect(young(days: 50, feedDays: 20) == [1, 2])
        // A feed that never arrived is not a young feed; 0 turns the rule off.
        #expect(young(days: 400, feedDays: 0) == [])
        #expect(young(days: 400, feedDays: 30, window: window.requiringFeedHistory(days: 0)) == [])
    }

    /// A real refit on the bundled sample: 15-minute RT that begins 26 days before the cutoff is
    /// left out (and reported), so the model forecasts the same with or without it; with the rule
    /// off the same refit trains on it.
    @Test func aRefitLeavesOutAFeedThatBeganWeeksAgo() throws {
        let sample = try RefitSample(feedFrom: "2024-07-10")
        func refit(minDays: Int) throws -> TrainingOutcome {
            try sample.refit(TrainingWindow(product: .dayahead, cutoffUTC: sample.cutoff, windowDays: 0, cvFolds: 2, cvFoldDays: 30)
                .requiringFeedHistory(days: minDays))
        }
        let guarded = try refit(minDays: 60)
        let names = sample.builder.featureNames(for: .dayahead)
        #expect(try #require(guarded.crossValidation).youngFeedColumns == sample.feedColumns.map { names[$0] })
        #expect(try #require(refit(minDays: 0).crossValidation).youngFeedColumns == [])
        #expect(sample.feedColumns.contains { column in (0..<sample.next.rowCount).contains { !sample.next.features[$0, column].isNaN } })
        #expect(try sample.forecastsTheSameWithoutTheFeed(guarded))
    }

    /// The one-validation-slice path (`cv_folds` 0) leaves a young feed out too: 15-minute RT
    /// from 50 days before the cutoff reaches its training rows, and with the rule on the model
    /// forecasts the same without it; with the rule off it does not.
    @Test func aOneSliceRefitLeavesOutAFeedThatBeganWeeksAgo() throws {
        let sample = try RefitSample(feedFrom: "2024-06-16")
        func forecastsTheSameWithoutTheFeed(minDays: Int) throws -> Bool {
            let outcome = try sample.refit(TrainingWindow(product: .dayahead, cutoffUTC: sample.cutoff, windowDays: 0, cvFolds: 0)
                .requiringFeedHistory(days: minDays))
            #expect(outcome.crossValidation == nil, "one validation slice, no folds")
            return try sample.forecastsTheSameWithoutTheFeed(outcome)
        }
        #expect(try forecastsTheSameWithoutTheFeed(minDays: 60))
        #expect(try !forecastsTheSameWithoutTheFeed(minDays: 0))
    }

    /// The bundled sample's prices for 2024-01 … 08 and its 15-minute RT from `feedFrom`, a
    /// LightGBM trainer, and the day-ahead frame of the five days after a 2024-08-05 cutoff.
    struct RefitSample {
        let history: MarketHistory
        let builder: FeatureBuilder
        let trainer: ModelTrainer
        let cutoff: Int64
        let feedColumns: [Int]
        /// The forecast rows after the cutoff, with the feed as it arrived.
        let next: FeatureFrame

        init(feedFrom: String) throws {
            let fixture = try PipelineFixture()
            try fixture.dropSampleIntoInbox(lines: PipelineFixture.sliceLines(from: "2024-01-01", through: "2024-08-31"))
            let intervals = try SampleText.gunzip(SamplePaths.rtm15Minute4Hubs).split(separator: "\n")
            try fixture.dropSampleIntoInbox(name: "rtm_intervals.csv",
                                            lines: [intervals[0]] + intervals.dropFirst().filter { $0 >= feedFrom && $0 < "2024-09" })
            let workspace = try fixture.workspace(json: PipelineFixture.settingsJSON(families: ["lightgbm"]))
            let store = try workspace.marketStore()
            _ = try InboxIngest(dataDirectory: fixture.dataDirectory, logger: workspace.logger).run(store: store)
            let points = try workspace.points(in: store)
            history = try store.loadHistory(points: points, fromUTC: nil, toUTC: nil)
            builder = try workspace.featureBuilder(pointCategories: points)
            let cutoff = try #require(UTCFormat.parse("2024-08-05T10:00:00Z"))
            self.cutoff = cutoff
            trainer = ModelTrainer(rules: workspace.rules, families: workspace.families, logger: workspace.logger)
            feedColumns = try #require(FeedOutage.feeds(featureNames: builder.featureNames(for: .dayahead))
                .first { $0.feed == "rt_intervals" }).blankedColumns
            let zone = workspace.rules.timeZone
            let issues = workspace.rules.issueTimes(.dayahead, from: zone.operatingDay(containing: cutoff),
                                                    through: zone.operatingDay(containing: cutoff + 5 * YoungFeedTests.day))
            next = try builder.build(history: history, product: .dayahead, issueTimes: issues.filter { $0 >= cutoff })
        }

        func refit(_ window: TrainingWindow) throws -> TrainingOutcome {
            try trainer.train(history: history, builder: builder, window: window, familiesToTrain: [.lightgbm])
        }

        /// Whether the refit's model forecasts the rows after the cutoff the same with the feed blanked.
        func forecastsTheSameWithoutTheFeed(_ outcome: TrainingOutcome) throws -> Bool {
            var blanked = next.features
            TrainingWindow.blank(feedColumns, in: &blanked)
            let model = try #require(outcome.models.first).forecaster
            return try model.predict(next.features).p50 == model.predict(blanked).p50
        }
    }

    @Test func theSettingReachesEveryTrainingWindow() {
        var models = ModelSettings.defaults
        #expect(models.minFeedHistoryDays == 60)
        models.minFeedHistoryDays = 30
        #expect(TrainingWindow(product: .hourly, cutoffUTC: Self.cutoff, models: models, regimeChangeDays: []).minFeedHistoryDays == 30)
        let backtest = BacktestConfiguration(product: .dayahead, from: OperatingDay("2025-01-01")!, to: OperatingDay("2025-01-31")!,
                                             refit: .monthly, families: [.lightgbm], models: models)
        #expect(backtest.window(cutoffUTC: Self.cutoff).minFeedHistoryDays == 30)
    }
}
