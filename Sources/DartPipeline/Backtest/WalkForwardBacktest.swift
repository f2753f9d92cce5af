import DartCore
import DartFeatures
import DartModels
import Dispatch
import Foundation
import Logging

/// Walk-forward evaluation: for each refit period, train only on rows whose DART was known at
/// the period's first issue time, then forecast every issue of the period with as-of features.
public struct WalkForwardBacktest: Sendable {
    /// Rules, families, logger and the progress sink (lines for long runs; the CLI prints them).
    public let study: CrossValidationStudy
    public var rules: MarketRules { study.rules }
    public var families: ModelFamilies { study.families }
    public var logger: Logger { study.logger }

    public init(rules: MarketRules, families: ModelFamilies, logger: Logger, progress: @escaping @Sendable (String) -> Void = { _ in }) {
        study = CrossValidationStudy(rules: rules, families: families, logger: logger, progress: progress)
    }

    /// Every forecast the backtest made, aligned by row, for reports and plots.
    public struct Forecasts: Sendable {
        public var actual: [Float] = []
        public var targetUTC: [Int64] = []
        public var issueUTC: [Int64] = []
        public var points: [String] = []
        public var hourEndings: [Int] = []
        /// Operating day of each target hour (months, regime splits, daily DM series).
        public var operatingDays: [OperatingDay] = []
        /// Whether the target hour's DAM price was published at issue time (`dam_target_published` finite).
        public var damKnown: [Bool] = []
        public var byModel: [String: QuantileForecast] = [:]
        public var modelOrder: [String] = []

        mutating func append(_ name: String, _ forecast: QuantileForecast) {
            if byModel[name] == nil {
                modelOrder.append(name)
                let padding = actual.count - forecast.p50.count
                byModel[name] = QuantileForecast(p50: Array(repeating: .nan, count: padding),
                                                 p10: forecast.p10.map { _ in Array(repeating: .nan, count: padding) },
                                                 p90: forecast.p90.map { _ in Array(repeating: .nan, count: padding) })
            }
            byModel[name]!.p50 += forecast.p50
            if forecast.p10 != nil, byModel[name]!.p10 != nil { byModel[name]!.p10! += forecast.p10! } else { byModel[name]!.p10 = nil }
            if forecast.p90 != nil, byModel[name]!.p90 != nil { byModel[name]!.p90! += forecast.p90! } else { byModel[name]!.p90 = nil }
        }
    }

    public func run(history: MarketHistory, builder: FeatureBuilder, configuration: BacktestConfiguration) throws -> (BacktestResult, Forecasts) {
        let started = DispatchTime.now()
        var trainer = ModelTrainer(rules: rules, families: families.forProduct(configuration.product), logger: logger)
        if configuration.foldsOnRefitPeriods { trainer.sharedFolds = SharedFoldModels() }
        var forecasts = Forecasts()
        var periods: [BacktestResult.Period] = []
        var featureSeconds = 0.0, fitSeconds = 0.0, predictSeconds = 0.0, featureRows = 0
        let allPeriods = configuration.periods()
        var trainedNames: [String] = []

        for (index, period) in allPeriods.enumerated() {
            let issues = issueTimes(configuration.product, period.from, period.to)
            guard let cutoff = issues.first else { continue }
            var window = configuration.window(cutoffUTC: cutoff)
            if let shared = trainer.sharedFolds {
                window.foldOrigins = (index - configuration.cvFolds..<index).compactMap { offset in
                    let day = configuration.periodStart(offset, periods: allPeriods)
                    return issueTimes(configuration.product, day, day).first
                }
                shared.forget(before: window.foldOrigins.first ?? cutoff)
            }
            // The period's test frame is built on a core the fits leave idle (one family finishes first).
            let testFrame = FitSlots<(FeatureFrame, Double)>(count: 1)
            let building = DispatchGroup()
            DispatchQueue.global().async(group: building) {
                let featureStart = DispatchTime.now()
                testFrame.set(0, Result { (try builder.build(history: history, product: configuration.product, issueTimes: issues),
                                           ModelTrainer.seconds(since: featureStart)) })
            }
            let trained = Result {
                try trainer.train(history: history, builder: builder, window: window,
                                  familiesToTrain: configuration.families, buildEnsemble: configuration.ensemble)
            }
            building.wait()
            let outcome = try trained.get()
            featureSeconds += outcome.featureSeconds
            fitSeconds += outcome.fitSeconds
            featureRows += outcome.trainRows + outcome.validationRows
            let (frame, testFeatureSeconds) = try testFrame.results[0]!.get()
            featureSeconds += testFeatureSeconds
            featureRows += frame.rowCount
            let predictStart = DispatchTime.now()
            forecasts.actual += frame.dart
            forecasts.targetUTC += frame.targetUTC
            forecasts.issueUTC += frame.issueUTC
            forecasts.points += (0..<frame.rowCount).map { frame.point(ofRow: $0).name }
            forecasts.hourEndings += frame.hourEnding.map(Int.init)
            forecasts.operatingDays += frame.operatingDay
            forecasts.damKnown += try Self.damKnown(frame.features)
            // Families forecast at once; the ensemble combines their forecasts instead of predicting again.
            let models = Dictionary(uniqueKeysWithValues: outcome.models.map { ($0.family, $0) })
            let predicted = try ModelTrainer.concurrently(outcome.models.map(\.family)) { try models[$0]!.predict(frame.features) }
                .map { try $0!.get() }
            var byName = [String: QuantileForecast]()
            for (model, forecast) in zip(outcome.models, predicted) {
                forecasts.append(model.family.rawValue, forecast)
                byName[model.family.rawValue] = forecast
                if !trainedNames.contains(model.family.rawValue) { trainedNames.append(model.family.rawValue) }
            }
            if let ensemble = outcome.ensembleForecast(combining: byName, features: frame.features) { forecasts.append("ensemble", ensemble) }
            for (name, baseline) in BaselineSet.make() {
                try baseline.fit(train: Dataset(features: FeatureMatrix(names: frame.features.names, rowCount: 0, values: []), target: []), validation: nil)
                forecasts.append(name, try baseline.predict(frame.features))
            }
            // A model that failed in this period leaves NaN rows, which scoring reports.
            for name in forecasts.modelOrder where forecasts.byModel[name]!.p50.count < forecasts.actual.count {
                let missing = forecasts.actual.count - forecasts.byModel[name]!.p50.count
                forecasts.append(name, QuantileForecast(p50: Array(repeating: .nan, count: missing)))
            }
            predictSeconds += ModelTrainer.seconds(since: predictStart)

            var adjustments = Dictionary(uniqueKeysWithValues: outcome.models.map { ($0.family.rawValue, Double($0.calibration.adjustment)) })
            if outcome.ensemble != nil { adjustments["ensemble"] = Double(outcome.ensembleCalibration.adjustment) }
            periods.append(.init(
                from: period.from.description, to: period.to.description, cutoffUTC: UTCFormat.iso8601(cutoff),
                trainRows: outcome.trainRows, validationRows: outcome.validationRows, testRows: frame.rowCount,
                fitSeconds: Dictionary(uniqueKeysWithValues: outcome.models.map { ($0.family.rawValue, $0.fitSeconds) }),
                failures: Dictionary(outcome.failures.map { ($0.family.rawValue, $0.error) }, uniquingKeysWith: { a, _ in a }),
                ensembleWeights: Dictionary(uniqueKeysWithValues: (outcome.ensemble?.members ?? []).map { ($0.name, $0.weight) }),
                intervalAdjustments: adjustments, crossValidation: outcome.crossValidation))
            study.progress(BacktestProgress(completed: index + 1, total: allPeriods.count, elapsedSeconds: ModelTrainer.seconds(since: started))
                .line(detail: String(format: "%@…%@  train %d rows, validation %d, test %d  fit %.1fs", period.from.description,
                                     period.to.description, outcome.trainRows, outcome.validationRows, frame.rowCount, outcome.fitSeconds)))
        }

        let scores = try score(forecasts, trainedNames: trainedNames)
        let candidates = scores.filter { $0.kind != .baseline }
        guard let best = candidates.min(by: { ($0.report.overall.mae ?? .infinity) < ($1.report.overall.mae ?? .infinity) }) else {
            throw PipelineError(.training, "no model trained in any refit period; see the failures in the log")
        }
        let bestMAE = best.report.overall.mae ?? .infinity
        let naiveMAEs = scores.filter { BaselineSet.naiveNames.contains($0.name) }.compactMap { $0.report.overall.mae }
        let zeroMAE = scores.first { $0.name == "zero" }?.report.overall.mae ?? 0
        let total = ModelTrainer.seconds(since: started)
        var result = BacktestResult(
            configuration: configuration, generatedAtUTC: UTCFormat.iso8601(Int64(Date().timeIntervalSince1970)),
            periods: periods, models: scores, best: best.name, bestBeatsZero: bestMAE < zeroMAE,
            bestBeatsEveryNaive: naiveMAEs.allSatisfy { bestMAE < $0 },
            timings: .init(totalSeconds: total, featureSeconds: featureSeconds, fitSeconds: fitSeconds, predictSeconds: predictSeconds,
                           featureRows: featureRows, featureRowsPerSecond: featureSeconds > 0 ? Double(featureRows) / featureSeconds : 0))
        result.evaluation = try BacktestEvaluation.evaluate(forecasts, result: result)
        return (result, forecasts)
    }

    func issueTimes(_ product: ForecastProduct, _ from: OperatingDay, _ to: OperatingDay) -> [Int64] {
        switch product {
        case .dayahead: rules.issueTimes(.dayahead, from: from.adding(days: -1), through: to.adding(days: -1))
        case .hourly: rules.issueTimes(.hourly, from: from, through: to)
        }
    }

    func score(_ forecasts: Forecasts, trainedNames: [String]) throws -> [BacktestResult.ModelScore] {
        var naive: [String: [Float]] = [:]
        for name in BaselineSet.naiveNames { naive[name] = forecasts.byModel[name]?.p50 }
        return try forecasts.modelOrder.map { name in
            let kind: BacktestResult.ModelScore.Kind = name == "ensemble" ? .ensemble : (trainedNames.contains(name) ? .trained : .baseline)
            let rows = try EvaluationRows(actual: forecasts.actual, forecast: Self.maskMissing(forecasts.byModel[name]!, actual: forecasts.actual),
                                          points: forecasts.points, hourEndings: forecasts.hourEndings, naiveForecasts: naive)
            return .init(name: name, kind: kind, report: try MetricsReport.evaluate(rows))
        }
    }

    /// Rows a model could not forecast (its period's training failed) are scored as zero
    /// forecasts rather than dropped, so a failing model cannot look better by skipping rows.
    static func maskMissing(_ forecast: QuantileForecast, actual: [Float]) -> QuantileForecast {
        var out = forecast
        out.p50 = forecast.p50.map { $0.isFinite ? $0 : 0 }
        if let p10 = forecast.p10, let p90 = forecast.p90, p10.allSatisfy(\.isFinite), p90.allSatisfy(\.isFinite) {
            out.p10 = p10
            out.p90 = p90
        } else {
            out.p10 = nil
            out.p90 = nil
        }
        return out
    }
}
