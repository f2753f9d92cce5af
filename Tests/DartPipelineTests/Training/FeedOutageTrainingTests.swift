import DartConfig
import DartCore
import DartFeatures
import DartModels
import Foundation
import Logging
import Testing
@testable import DartPipeline

/// Training with simulated feed outages (`models.feed_outage_share`): a feed that stops after a
/// refit must not throw the forecasts off, as it did when the models had never seen it missing.
@Suite struct FeedOutageTrainingTests {
    static let logger = Logger(label: "dartcast.test.feed-outage") { _ in SwiftLogNoOpLogHandler() }
    static let names = ["dart_same_he_latest", "load_actual_same_he_latest"]

    /// DART = 0.5 × the lagged DART + (load − 50 GW) / 1 GW + noise; load is never missing,
    /// like the actual-load feed over the whole development history. One issue per 4 rows.
    static func data(rows: Int, seed: UInt64, loadMissing: Bool = false) -> (Dataset, [Int64]) {
        var random = SplitMix64(seed: seed)
        var values: [Float] = [], target: [Float] = []
        for _ in 0..<rows {
            let lagged = Float.random(in: -20...20, using: &random)
            let load = Float.random(in: 30_000...70_000, using: &random)
            values += [lagged, loadMissing ? .nan : load]
            target.append(0.5 * lagged + (load - 50_000) / 1_000 + Float.random(in: -2...2, using: &random))
        }
        let issues = (0..<rows).map { 1_700_000_000 + Int64($0 / 4) * 3600 }
        return (Dataset(features: FeatureMatrix(names: names, rowCount: rows, values: values), target: target), issues)
    }

    static func booster(_ family: String) -> any Forecaster {
        switch family {
        case "lightgbm":
            var h = LightGBMHyperparameters()
            (h.numThreads, h.maxRounds, h.earlyStoppingRounds, h.trainIntervals) = (1, 200, 0, false)
            return LightGBMForecaster(hyperparameters: h, logger: logger)
        default:
            var h = XGBoostHyperparameters()
            (h.numThreads, h.maxRounds, h.earlyStoppingRounds, h.trainIntervals) = (1, 200, 0, false)
            return XGBoostForecaster(hyperparameters: h, logger: logger)
        }
    }

    static func mae(_ forecast: [Float], _ actual: [Float]) -> Double {
        zip(forecast, actual).map { Double(abs($0 - $1)) }.reduce(0, +) / Double(actual.count)
    }

    @Test(arguments: ["lightgbm", "xgboost"])
    func aModelTrainedWithOutagesForecastsCloseToTheBestWithoutTheFeed(family: String) throws {
        let (train, issues) = Self.data(rows: 8_000, seed: 1)
        let (present, _) = Self.data(rows: 2_000, seed: 2)
        let (stopped, _) = Self.data(rows: 2_000, seed: 2, loadMissing: true)
        let window = TrainingWindow(product: .dayahead, cutoffUTC: 1_800_000_000, windowDays: 0)
        func fitted(share: Double) throws -> any Forecaster {
            var blanked = train.features
            window.simulatingFeedOutages(share: share).simulateFeedOutages(in: &blanked, issueUTC: issues, logger: Self.logger)
            let model = Self.booster(family)
            try model.fit(train: Dataset(features: blanked, target: train.target), validation: nil)
            return model
        }
        let plain = try fitted(share: 0), hardened = try fitted(share: 0.1)
        // Without the feed the best forecast is 0.5 × the lagged DART: the load term (uniform
        // over ±20) averages 0, so its MAE is about 10.
        let best = Self.mae(stopped.features.values.enumerated().compactMap { $0.offset % 2 == 0 ? 0.5 * $0.element : nil }, stopped.target)
        let plainStopped = Self.mae(try plain.predict(stopped.features).p50, stopped.target)
        let hardenedStopped = Self.mae(try hardened.predict(stopped.features).p50, stopped.target)
        #expect(hardenedStopped < 1.2 * best, "feed stopped: \(hardenedStopped) against the best \(best)")
        #expect(hardenedStopped < 0.8 * plainStopped, "feed stopped: \(hardenedStopped) hardened, \(plainStopped) plain")
        // While the feed arrives the cost of having trained without it on a tenth of the issues is small.
        let plainPresent = Self.mae(try plain.predict(present.features).p50, present.target)
        let hardenedPresent = Self.mae(try hardened.predict(present.features).p50, present.target)
        #expect(hardenedPresent < 1.15 * plainPresent, "feed present: \(hardenedPresent) hardened, \(plainPresent) plain")
    }

    @Test func theSettingReachesEveryTrainingWindow() throws {
        var models = ModelSettings.defaults
        #expect(models.feedOutageShare == 0.1)
        models.feedOutageShare = 0.2
        let window = TrainingWindow(product: .hourly, cutoffUTC: 1_800_000_000, models: models, regimeChangeDays: [])
        #expect(window.feedOutageShare == 0.2)
        let backtest = BacktestConfiguration(product: .dayahead, from: OperatingDay("2025-01-01")!, to: OperatingDay("2025-01-31")!,
                                             refit: .monthly, families: [.lightgbm], models: models)
        #expect(backtest.window(cutoffUTC: 1_800_000_000).feedOutageShare == 0.2)
        models.feedOutageShare = 0
        #expect(TrainingWindow(product: .hourly, cutoffUTC: 1_800_000_000, models: models, regimeChangeDays: []).feedOutageShare == 0)
    }
}
