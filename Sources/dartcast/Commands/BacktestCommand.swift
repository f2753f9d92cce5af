import ArgumentParser
import DartCore
import DartPipeline
import Foundation

extension RefitCadence: ExpressibleByArgument {}

struct BacktestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backtest",
        abstract: "Walk-forward backtest: refit on a cadence using only data known at each refit, score every model and baseline.",
        discussion: "Writes backtest.json, backtest.html (tables and plots) and predictions.parquet (every out-of-sample forecast) into --out and prints the score table.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var models: ModelListOption

    @OptionGroup var replay: ReplayOptions

    @Option(help: "Training window in days; 0 = all known history (default: models.training_window_days).")
    var windowDays: Int?

    @Option(help: "Hourly product: train on every k-th issue time (default: models.hourly_issue_stride).")
    var hourlyStride: Int?

    @Option(help: "Rolling-origin cross-validation folds inside each refit (default: models.cv_folds; 0 = one validation slice).")
    var cvFolds: Int?

    @Flag(help: "Fit every refit's folds afresh on cv_fold_days blocks, as `dartcast train` does, instead of reusing the previous monthly refits' models as folds (slower; the protocol before shared folds).")
    var exactFolds = false

    @Option(name: .customLong("regime-date"),
            help: "Market-regime date (YYYY-MM-DD) to score before and on/after; repeat for several (default: features.regime_dates).")
    var regimeDates: [String] = []

    @Option(help: "Output folder (default: <data-dir>/backtests/<product>_<from>_<to>).")
    var out: String?

    func run() throws {
        let workspace = try global.workspace(label: "dartcast.backtest")
        let (fromDay, toDay) = try replay.days()
        let product = replay.product, refit = replay.refit
        for date in regimeDates { _ = try BacktestConfiguration.regimeDay(date) }  // fail before the slow part
        let store = try workspace.existingMarketStore()
        let points = try workspace.points(in: store)
        let settings = workspace.settings.models
        let windowDays = self.windowDays ?? settings.trainingWindowDays
        let zone = workspace.rules.timeZone
        let history = try store.loadHistory(points: points, fromUTC: windowDays > 0 ? zone.startOfDayUTC(fromDay.adding(days: -(windowDays + 40))) : nil,
                                            toUTC: zone.startOfDayUTC(toDay.adding(days: 2)))
        var configuration = BacktestConfiguration(
            product: product, from: fromDay, to: toDay, refit: refit, families: try models.families() ?? workspace.families.families(),
            models: settings, windowDays: windowDays, hourlyIssueStride: hourlyStride, cvFolds: cvFolds,
            regimeDates: regimeDates.isEmpty ? workspace.settings.features.regimeDates.map(\.description) : regimeDates,
            trainingRegimeDays: workspace.settings.features.regimeDates)
        configuration.sharedFolds = !exactFolds
        let display = ProgressDisplay.standardError()
        let backtest = WalkForwardBacktest(rules: workspace.rules, families: workspace.families, logger: workspace.logger) { display.update($0) }
        let (result, forecasts) = try {
            defer { display.finish() }
            return try backtest.run(history: history, builder: try workspace.featureBuilder(pointCategories: points), configuration: configuration)
        }()
        let folder = out.map { URL(fileURLWithPath: $0) }
            ?? workspace.dataDirectory.appendingPathComponent("backtests/\(product.rawValue)_\(fromDay)_\(toDay)")
        try BacktestReport.writeFiles(result, forecasts: forecasts, to: folder)
        print(BacktestReport.table(result))
        print("wrote \(folder.appendingPathComponent("backtest.json").path), backtest.html and \(BacktestPredictionsParquet.fileName)")
    }
}
