import DartConfig
import DartCore
import DartFeatures
import DartModels
import Dispatch
import Foundation

/// One refit judged by rolling-origin cross-validation: every family is fitted on each fold's
/// past and scored on its test block; boosting rounds come from the mean fold curves; the
/// out-of-fold forecasts set each model's validation MAE, its residual P10–P90 band and the
/// ensemble weights; then each family is refitted on every usable row with the chosen rounds.
/// Boosters fit the point model only: the band comes from out-of-fold residuals.
struct CrossValidatedTraining: Sendable {
    let trainer: ModelTrainer
    let frame: FeatureFrame
    let usable: [Int]
    let folds: [RollingOriginFold]
    let window: TrainingWindow
    /// Refit each family on all rows after the folds; a hyperparameter search only needs the folds.
    var finalFit = true
    /// Models of earlier refits to fold on (a monthly walk-forward backtest); this refit's own
    /// models are added at the full round budget. Nil: every fold is fitted here.
    var shared: SharedFoldModels?

    /// How far back from the newest issue an input must still arrive to be trained on.
    static let staleJudgingSeconds: Int64 = 7 * 86_400

    /// Fold datasets, built once and shared by the families (read-only).
    private struct FoldData: @unchecked Sendable {
        var fold: RollingOriginFold
        var train: Dataset
        var test: Dataset
        /// The test rows before this refit's stale inputs were blanked: a shared model from an
        /// earlier refit blanks its own.
        var unsilencedTest: FeatureMatrix?
    }

    private struct FamilyFit {
        var model: TrainedModel
        var outOfFold: QuantileForecast
        var foldMAE: [Double]
        var chosenRounds: [String: Int]
    }

    func run(featureSeconds: Double, familiesToTrain: [ModelFamilyName], buildEnsemble: Bool) throws -> TrainingOutcome {
        try ModelTrainer.requireTrainingRows(usable.count, window: window)
        let featureStart = DispatchTime.now()
        // Blank inputs that stopped arriving everywhere, judged on the latest fold's last week:
        // a feed that ended mid-block is as absent from the coming forecasts as one that ended before it.
        var allFeatures = frame.features.rows(usable)
        let position = positions()
        let recentRows = folds.last!.testRows
        var recent = frame.features.rows(recentRows)
        let newestIssue = recentRows.map { frame.issueUTC[$0] }.max() ?? 0
        let lastWeek = recentRows.indices.filter { frame.issueUTC[recentRows[$0]] > newestIssue - Self.staleJudgingSeconds }
        // A feed that began only weeks ago is left out too, until it has history enough to learn from.
        let usableIssueUTC = usable.map { frame.issueUTC[$0] }
        let (silenced, youngFeeds) = trainer.leaveOutUnlearnableInputs(
            train: &allFeatures, trainIssueUTC: usableIssueUTC, recent: &recent, judgedRows: lastWeek, window: window)
        let leftOut = silenced + youngFeeds
        // Test rows keep every input they really had; only training rows see simulated outages.
        let tests = folds.map { fold in
            Dataset(features: allFeatures.rows(fold.testRows.map { position[$0] }), target: fold.testRows.map { frame.dart[$0] })
        }
        let outOfFoldFeatures = allFeatures.rows(folds.flatMap { $0.testRows.map { position[$0] } })
        let simulatedOutageRows = window.simulateFeedOutages(in: &allFeatures, issueUTC: usableIssueUTC,
                                                             logger: trainer.logger)
        let all = Dataset(features: allFeatures, target: usable.map { frame.dart[$0] },
                          weights: window.weights(usable, frame: frame, originUTC: window.cutoffUTC))
        let foldData = zip(folds, tests).map { fold, test in
            FoldData(fold: fold,
                     train: Dataset(features: allFeatures.rows(fold.trainRows.map { position[$0] }),
                                    target: fold.trainRows.map { frame.dart[$0] },
                                    weights: window.weights(fold.trainRows, frame: frame, originUTC: fold.originUTC)),
                     test: test,
                     unsilencedTest: shared == nil ? nil : frame.features.rows(fold.testRows))
        }
        let outOfFoldActual = foldData.flatMap(\.test.target)
        let zeroMAE = ModelTrainer.mae([Float](repeating: 0, count: outOfFoldActual.count), outOfFoldActual)
        let preparationSeconds = ModelTrainer.seconds(since: featureStart)

        let fitStart = DispatchTime.now()
        let results = ModelTrainer.concurrently(familiesToTrain) { family in
            try fitFamily(family, folds: foldData, all: all, outOfFoldActual: outOfFoldActual, outOfFoldFeatures: outOfFoldFeatures,
                          silenced: leftOut)
        }
        var fits: [ModelFamilyName: FamilyFit] = [:]
        let (models, failures) = trainer.collect(results.map { $0?.map(\.model) }, families: familiesToTrain)
        for case .success(let fit)? in results { fits[fit.model.family] = fit }

        var summary = CrossValidationSummary(
            folds: foldData.enumerated().map { index, data in
                CrossValidationSummary.Fold(
                    origin: UTCFormat.iso8601(data.fold.originUTC), trainRows: data.fold.trainRows.count, testRows: data.fold.testRows.count,
                    zeroMAE: ModelTrainer.mae([Float](repeating: 0, count: data.test.target.count), data.test.target),
                    familyMAE: Dictionary(uniqueKeysWithValues: fits.map { ($0.key.rawValue, $0.value.foldMAE[index]) }))
            },
            chosenRounds: Dictionary(uniqueKeysWithValues: fits.map { ($0.key.rawValue, $0.value.chosenRounds) }),
            settings: Dictionary(uniqueKeysWithValues: familiesToTrain.map { family in (family.rawValue, trainer.families.values(family)) }),
            outOfFoldMAE: Dictionary(uniqueKeysWithValues: fits.map { ($0.key.rawValue, $0.value.model.validationMAE) }),
            zeroMAE: zeroMAE, silencedColumns: silenced, youngFeedColumns: youngFeeds, simulatedOutageRows: simulatedOutageRows)

        var outcome = TrainingOutcome(
            product: window.product, window: window, featureNames: frame.features.names, pointCategories: frame.points,
            models: models, failures: failures, ensemble: nil, ensembleCalibration: .none, ensembleValidationMAE: nil,
            trainRows: usable.count, validationRows: outOfFoldActual.count,
            trainingFromUTC: usableIssueUTC.min() ?? 0,
            trainingToUTC: usable.map { frame.targetUTC[$0] }.max() ?? 0,
            rowDigest: RowDigest.sha256(all), featureSeconds: featureSeconds + preparationSeconds,
            fitSeconds: ModelTrainer.seconds(since: fitStart), zeroValidationMAE: zeroMAE)

        // Only members that beat the zero forecast out of fold earn a vote (`models.ensemble_combination`).
        // With one voter the ensemble is that model, so it forecasts every period of a backtest.
        let voters = models.filter { $0.validationMAE < zeroMAE }
        if buildEnsemble, !voters.isEmpty, models.count >= 2 {
            let ensemble = try EnsembleForecaster(
                members: voters.map { (name: $0.family.rawValue, forecaster: CalibratedForecaster(inner: $0.forecaster, calibration: $0.calibration)) },
                weighting: trainer.families.settings.ensembleCombination, validationMAE: voters.map(\.validationMAE))
            let forecast = ensemble.combine(voters.map { fits[$0.family]!.outOfFold })
            outcome.ensemble = ensemble
            outcome.ensembleCalibration = IntervalCalibration.fitResidual(p50: forecast.p50, actual: outOfFoldActual, features: outOfFoldFeatures)
            outcome.ensembleValidationMAE = ModelTrainer.mae(forecast.p50, outOfFoldActual)
            summary.outOfFoldMAE["ensemble"] = outcome.ensembleValidationMAE
        }
        outcome.crossValidation = summary
        return outcome
    }

    /// Folds, round choice and the final fit of one family.
    private func fitFamily(_ family: ModelFamilyName, folds foldData: [FoldData], all: Dataset, outOfFoldActual: [Float],
                           outOfFoldFeatures: FeatureMatrix, silenced: [String]) throws -> FamilyFit {
        let started = DispatchTime.now()
        var foldModels: [SharedFoldModels.Entry] = []
        for data in foldData {
            if let shared, let entry = shared.entry(family, originUTC: data.fold.originUTC) {
                foldModels.append(entry)
                continue
            }
            let model = try trainer.families.make(family, logger: trainer.logger, quantileBoosters: false, stopsEarly: false)
            // Boosters record their metric on the fold after every round (early stopping off, so
            // the fold is never cut by its own test rows); a shared model is scored afterwards by
            // staged prediction instead.
            try model.fit(train: data.train, validation: shared == nil && model is RoundTunableForecaster ? data.test : nil)
            let entry = SharedFoldModels.Entry(forecaster: model, silencedColumns: silenced)
            shared?.store(entry, family: family, originUTC: data.fold.originUTC)
            foldModels.append(entry)
        }
        // What each fold model forecasts from: its own view of the fold's inputs.
        let foldFeatures = zip(foldModels, foldData).map { entry, data in
            data.unsilencedTest.map(entry.view) ?? data.test.features
        }
        let chosen = try chooseRounds(foldModels.map(\.forecaster), foldData: foldData, foldFeatures: foldFeatures)
        var pieces: [QuantileForecast] = []
        var foldMAE: [Double] = []
        for (index, data) in foldData.enumerated() {
            let model = foldModels[index].forecaster
            let forecast: QuantileForecast
            if let tunable = model as? RoundTunableForecaster, !chosen.isEmpty {
                if shared == nil { try tunable.keepRounds(chosen) }
                forecast = try tunable.predict(foldFeatures[index], rounds: chosen)
            } else {
                forecast = try model.predict(foldFeatures[index])
            }
            pieces.append(forecast)
            foldMAE.append(ModelTrainer.mae(forecast.p50, data.test.target))
        }
        let outOfFold = Self.concatenate(pieces)
        let final: any Forecaster
        if !finalFit {
            final = foldModels.last!.forecaster
        } else if let shared {
            // The full budget, so later refits can read its curve; it forecasts with the chosen rounds.
            let full = try trainer.families.make(family, logger: trainer.logger, quantileBoosters: false)
            try full.fit(train: all, validation: nil)
            shared.store(.init(forecaster: full, silencedColumns: silenced), family: family, originUTC: window.cutoffUTC)
            if let tunable = full as? RoundTunableForecaster, !chosen.isEmpty {
                final = RoundLimitedForecaster(inner: tunable, rounds: chosen)
            } else {
                final = full
            }
        } else {
            final = try trainer.families.make(family, logger: trainer.logger, roundsByOutput: chosen.isEmpty ? nil : chosen,
                                              quantileBoosters: false)
            try final.fit(train: all, validation: nil)
        }
        let model = TrainedModel(
            family: family, forecaster: final,
            calibration: IntervalCalibration.fitResidual(p50: outOfFold.p50, actual: outOfFoldActual, features: outOfFoldFeatures),
            validationMAE: ModelTrainer.mae(outOfFold.p50, outOfFoldActual), fitSeconds: ModelTrainer.seconds(since: started))
        return FamilyFit(model: model, outOfFold: outOfFold, foldMAE: foldMAE, chosenRounds: chosen)
    }

    /// Rounds per output from the fold curves: the budget unless fewer are clearly better, and
    /// never under a quarter of it. Shared models' curves come from staged prediction on the fold.
    private func chooseRounds(_ models: [any Forecaster], foldData: [FoldData], foldFeatures: [FeatureMatrix]) throws -> [String: Int] {
        let tunable = models.compactMap { $0 as? RoundTunableForecaster }
        guard tunable.count == models.count else { return [:] }
        let weights = foldData.map { Double($0.test.target.count) }
        let foldCurves = try shared == nil ? tunable.map(\.validationCurves)
            : zip(tunable, zip(foldFeatures, foldData)).map { model, fold in
                try model.validationCurves(on: Dataset(features: fold.0, target: fold.1.test.target))
            }
        guard let keys = foldCurves.first?.keys else { return [:] }
        var chosen: [String: Int] = [:]
        for key in keys {
            let curves = foldCurves.map { $0[key] ?? [] }
            let budget = curves.map(\.count).max() ?? 0
            chosen[key] = RoundSelection.choose(curves: curves, weights: weights, minimumRounds: budget / 4,
                                                budgetMargin: window.roundSelectionMargin)
        }
        return chosen
    }

    /// Frame row → position among the usable rows.
    private func positions() -> [Int] {
        var position = [Int](repeating: -1, count: frame.rowCount)
        for (index, row) in usable.enumerated() { position[row] = index }
        return position
    }

    static func concatenate(_ pieces: [QuantileForecast]) -> QuantileForecast {
        let hasBand = pieces.allSatisfy { $0.p10 != nil && $0.p90 != nil }
        return QuantileForecast(p50: pieces.flatMap(\.p50),
                                p10: hasBand ? pieces.flatMap { $0.p10! } : nil,
                                p90: hasBand ? pieces.flatMap { $0.p90! } : nil)
    }
}
