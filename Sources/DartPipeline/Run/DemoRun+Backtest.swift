import DartCore
import DartData
import Foundation

extension DemoRun {
    /// The demo's backtest days: the month of `lastDay`, up to it. Each refit runs rolling-origin
    /// folds, so one month (one monthly refit) keeps the demo short.
    public static func backtestDays(lastDay: OperatingDay) -> (from: OperatingDay, to: OperatingDay) {
        (OperatingDay(year: lastDay.year, month: lastDay.month, day: 1)!, lastDay)
    }

    /// A walk-forward day-ahead backtest over `backtestDays(lastDay:)` with monthly refits, on the
    /// history a refit reads (a year and 40 days before the first day, to two days after the
    /// last); writes the JSON and HTML reports and the predictions Parquet into `folder`.
    /// - Parameter progress: progress lines for the console.
    public func backtest(store: MarketStore, lastDay: OperatingDay, folder: URL,
                         progress: @escaping @Sendable (String) -> Void) throws -> BacktestResult {
        let zone = workspace.rules.timeZone
        let points = try workspace.points(in: store)
        let days = Self.backtestDays(lastDay: lastDay)
        let history = try store.loadHistory(points: points, fromUTC: zone.startOfDayUTC(days.from.adding(days: -(365 + 40))),
                                            toUTC: zone.startOfDayUTC(days.to.adding(days: 2)))
        let families = ModelFamilies(settings: workspace.settings.models, table: pipeline.families)
        let configuration = BacktestConfiguration(product: .dayahead, from: days.from, to: days.to, refit: .monthly,
                                                  families: families.families(), models: workspace.settings.models,
                                                  trainingRegimeDays: workspace.settings.features.regimeDates)
        let backtest = WalkForwardBacktest(rules: workspace.rules, families: families, logger: workspace.logger, progress: progress)
        let (result, forecasts) = try backtest.run(history: history, builder: try workspace.featureBuilder(pointCategories: points),
                                                   configuration: configuration)
        _ = try BacktestReport.writeFiles(result, forecasts: forecasts, to: folder)
        return result
    }
}
