import DartWorkspace
import DartCore
import DartData
import DartFeatures
import DartModels
import DartTesting
import Foundation
import Testing
@testable import DartPipeline

/// Rolling-origin cross-validation inside a refit, on the bundled real sample (4 hubs, Jun–Nov 2024).
@Suite(.serialized) struct CrossValidatedTrainingTests {
    static let cutoff = UTCFormat.parse("2024-11-20T11:00:00Z")!

    static func stocked(families: [String] = ["lightgbm", "xgboost"], xgboost: String? = nil) throws -> (Workspace, MarketHistory, FeatureBuilder) {
        let fixture = try PipelineFixture()
        try fixture.dropSampleIntoInbox(lines: PipelineFixture.sliceLines(from: "2024-06-01", through: "2024-11-30"))
        let json = xgboost.map { PipelineFixture.settingsJSON(families: families, xgboost: $0) } ?? PipelineFixture.settingsJSON(families: families)
        let workspace = try fixture.workspace(json: json)
        let store = try workspace.marketStore()
        _ = try InboxIngest(dataDirectory: fixture.dataDirectory, logger: workspace.logger).run(store: store)
        let points = try workspace.points(in: store)
        return (workspace, try store.loadHistory(points: points, fromUTC: nil, toUTC: nil), try workspace.featureBuilder(pointCategories: points))
    }

    @Test func foldsTrainOnlyOnWhatWasKnownAtTheirOrigin() throws {
        let (workspace, history, builder) = try Self.stocked()
        let rules = workspace.rules
        let window = TrainingWindow(product: .dayahead, cutoffUTC: Self.cutoff, windowDays: 0, cvFolds: 3, cvFoldDays: 30)
        let frame = try builder.build(history: history, product: .dayahead, issueTimes: window.issueTimes(rules: rules, historyStartUTC: history.startUTC))
        // The expanding window starts at the history's first day.
        #expect(frame.issueUTC.min()! < history.startUTC + 2 * 86_400)
        let usable = window.usableRows(frame, rules: rules)
        let folds = window.folds(usable, frame: frame, rules: rules)
        #expect(folds.count == 3)
        #expect(folds.map(\.originUTC) == [3, 2, 1].map { Self.cutoff - Int64($0) * 30 * 86_400 })
        var seenTests = Set<Int>()
        for (index, fold) in folds.enumerated() {
            #expect(fold.trainRows.allSatisfy { frame.issueUTC[$0] < fold.originUTC && rules.rtKnownAt(hourStartUTC: frame.targetUTC[$0]) <= fold.originUTC })
            #expect(fold.testRows.allSatisfy { frame.issueUTC[$0] >= fold.originUTC && frame.issueUTC[$0] < fold.originUTC + 30 * 86_400 })
            #expect(seenTests.isDisjoint(with: fold.testRows))
            seenTests.formUnion(fold.testRows)
            // Expanding: each later fold trains on everything an earlier one did.
            if index > 0 { #expect(Set(folds[index - 1].trainRows).isSubset(of: Set(fold.trainRows))) }
        }
        // A row whose DART became known one second after the origin is not in that fold's training set.
        let late = usable.filter { rules.rtKnownAt(hourStartUTC: frame.targetUTC[$0]) > folds[0].originUTC && frame.issueUTC[$0] < folds[0].originUTC }
        #expect(!late.isEmpty)
        #expect(Set(late).isDisjoint(with: folds[0].trainRows))
    }

    @Test func aRefitChoosesRoundsFromTheFoldsAndCombinesTheEnsembleAsConfigured() throws {
        let (workspace, history, builder) = try Self.stocked()
        let window = TrainingWindow(product: .dayahead, cutoffUTC: Self.cutoff, windowDays: 0, cvFolds: 2, cvFoldDays: 30)
        let trainer = ModelTrainer(rules: workspace.rules, families: workspace.families, logger: workspace.logger)
        let outcome = try trainer.train(history: history, builder: builder, window: window, familiesToTrain: [.lightgbm, .xgboost])
        #expect(outcome.failures.isEmpty)
        let cv = try #require(outcome.crossValidation)
        #expect(cv.folds.count == 2)
        #expect(outcome.validationRows == cv.folds.map(\.testRows).reduce(0, +))
        #expect(cv.zeroMAE > 0 && cv.zeroMAE == outcome.zeroValidationMAE)
        for model in outcome.models {
            let chosen = try #require(cv.chosenRounds[model.family.rawValue])
            #expect(!chosen.isEmpty)
            let kept = (model.forecaster as! any RoundTunableForecaster).bestIterations
            // The final model was refitted with exactly the chosen rounds (within the budget).
            #expect(kept == chosen, "\(model.family.rawValue): kept \(kept), chosen \(chosen)")
            #expect(chosen.values.allSatisfy { $0 >= 1 && $0 <= 25 })
            #expect(model.validationMAE == cv.outOfFoldMAE[model.family.rawValue])
            #expect(cv.folds.allSatisfy { $0.familyMAE[model.family.rawValue]?.isFinite == true })
        }
        // The default combination is the median of the members (here two: their mean), so its
        // out-of-fold MAE is at most the members' mean MAE.
        let ensemble = try #require(outcome.ensemble)
        #expect(ensemble.weighting == .median)
        #expect(ensemble.members.allSatisfy { abs($0.weight - 0.5) < 1e-12 })
        let memberMAE = outcome.models.map(\.validationMAE)
        #expect(try #require(outcome.ensembleValidationMAE) <= memberMAE.reduce(0, +) / Double(memberMAE.count) + 1e-9)
        #expect(cv.outOfFoldMAE["ensemble"] == outcome.ensembleValidationMAE)
        // The registry records a median's voters, not 1 / n weights that combine nothing.
        #expect(EnsembleRecord(ensemble) == EnsembleRecord(combination: .median, members: ensemble.members.map(\.name), weights: nil))

        // models.ensemble_combination inverse_mae weights the members ∝ 1 / out-of-fold MAE.
        var settings = workspace.families.settings
        settings.ensembleCombination = .inverseMAE
        let weighted = try ModelTrainer(rules: workspace.rules, families: ModelFamilies(settings: settings, threadsPerModel: workspace.families.threadsPerModel),
                                        logger: workspace.logger)
            .train(history: history, builder: builder, window: window, familiesToTrain: [.lightgbm, .xgboost])
        let weightedEnsemble = try #require(weighted.ensemble)
        #expect(weightedEnsemble.weighting == .inverseMAE)
        let maeByName = Dictionary(uniqueKeysWithValues: weighted.models.map { ($0.family.rawValue, $0.validationMAE) })
        let inverse = weightedEnsemble.members.map { member in 1 / maeByName[member.name]! }
        let total = inverse.reduce(0, +)
        for (member, value) in zip(weightedEnsemble.members, inverse) { #expect(abs(member.weight - value / total) < 1e-9) }
        #expect(EnsembleRecord(weightedEnsemble).weights == Dictionary(uniqueKeysWithValues: weightedEnsemble.members.map { ($0.name, $0.weight) }))
    }

    /// Shared fold models are fitted blind (no validation rows) at the full budget and scored by
    /// staged prediction; on the same fold blocks that must choose what fitting every fold with
    /// its curve recorded chooses, and forecast the same.
    @Test func sharedFoldsChooseAndForecastWhatFittingEveryFoldDoes() throws {
        // Early stopping configured for both families (LightGBM's fixture patience is 20): fold
        // fits ignore it, or a fold cut at its own best round would differ from a whole one.
        let (workspace, history, builder) = try Self.stocked(xgboost: "\"num_boost_round\": 20, \"eta\": 0.1, \"early_stopping_rounds\": 3")
        var window = TrainingWindow(product: .dayahead, cutoffUTC: Self.cutoff, windowDays: 0, cvFolds: 2, cvFoldDays: 30)
        window.foldOrigins = [Self.cutoff - 61 * 86_400, Self.cutoff - 30 * 86_400]
        let exact = ModelTrainer(rules: workspace.rules, families: workspace.families, logger: workspace.logger)
        var sharing = exact
        let shared = SharedFoldModels()
        sharing.sharedFolds = shared
        let a = try exact.train(history: history, builder: builder, window: window, familiesToTrain: [.lightgbm, .xgboost])
        let b = try sharing.train(history: history, builder: builder, window: window, familiesToTrain: [.lightgbm, .xgboost])
        let cvA = try #require(a.crossValidation), cvB = try #require(b.crossValidation)
        #expect(cvB.folds.map(\.origin) == window.foldOrigins.map(UTCFormat.iso8601))
        #expect(cvA.chosenRounds == cvB.chosenRounds)
        #expect(cvA.chosenRounds.values.contains { $0.values.contains { $0 < 25 } }, "the test needs a cut below the budget: \(cvA.chosenRounds)")
        for (foldA, foldB) in zip(cvA.folds, cvB.folds) {
            for (family, mae) in foldA.familyMAE {
                #expect(abs(mae - foldB.familyMAE[family]!) < 1e-4, "\(family) \(foldA.origin): \(mae) vs \(foldB.familyMAE[family]!); rounds \(cvA.chosenRounds)")
            }
        }
        // Two folds and the final model per family are kept for later refits.
        #expect(shared.count == 6)
        let later = TrainingWindow(product: .dayahead, cutoffUTC: Self.cutoff + 5 * 86_400, windowDays: 0)
        let frame = try builder.build(history: history, product: .dayahead, issueTimes: later.issueTimes(rules: workspace.rules, historyStartUTC: history.startUTC))
        let test = frame.features.rows(Array(frame.rowCount - 200..<frame.rowCount))
        for (modelA, modelB) in zip(a.models, b.models) {
            #expect(modelA.family == modelB.family)
            let pA = try modelA.forecaster.predict(test).p50, pB = try modelB.forecaster.predict(test).p50
            #expect(zip(pA, pB).allSatisfy { abs($0 - $1) < 1e-3 }, "\(modelA.family.rawValue)")
        }

        // The next refit folds on the last fold and this refit's own model: nothing is refitted but its final model.
        var next = window
        next.cutoffUTC = Self.cutoff + 9 * 86_400
        next.foldOrigins = [Self.cutoff - 30 * 86_400, Self.cutoff]
        let c = try sharing.train(history: history, builder: builder, window: next, familiesToTrain: [.lightgbm, .xgboost])
        #expect(c.failures.isEmpty && c.crossValidation?.folds.count == 2)
        #expect(shared.count == 8)
        shared.forget(before: Self.cutoff - 30 * 86_400)
        #expect(shared.count == 6)
    }

    /// Hourly boosters split by lead bucket: each bucket's rounds are chosen on its own curve,
    /// the shared-fold protocol agrees with fitting every fold, and the MLP stays one model.
    @Test func hourlyHorizonBucketsChooseRoundsPerBucketInBothProtocols() throws {
        let (workspace, history, builder) = try Self.stocked(families: ["lightgbm", "xgboost", "mlp"],
                                                             xgboost: "\"num_boost_round\": 20, \"eta\": 0.1")
        var settings = workspace.settings.models
        settings.hourlyHorizonBuckets = [2, 6]
        settings.hyperparameters[.mlp] = ["epochs": 3, "hidden_units": 8]
        let families = ModelFamilies(settings: settings, threadsPerModel: 1, product: .hourly)
        var window = TrainingWindow(product: .hourly, cutoffUTC: Self.cutoff, windowDays: 0, hourlyIssueStride: 6, cvFolds: 2,
                                    cvFoldDays: 30, hourlyTargetStride: 3)
        window.foldOrigins = [Self.cutoff - 61 * 86_400, Self.cutoff - 30 * 86_400]
        let exact = ModelTrainer(rules: workspace.rules, families: families, logger: workspace.logger)
        var sharing = exact
        sharing.sharedFolds = SharedFoldModels()
        let a = try exact.train(history: history, builder: builder, window: window, familiesToTrain: [.lightgbm, .xgboost, .mlp])
        let b = try sharing.train(history: history, builder: builder, window: window, familiesToTrain: [.lightgbm, .xgboost, .mlp])
        #expect(a.failures.isEmpty && b.failures.isEmpty)
        let cvA = try #require(a.crossValidation), cvB = try #require(b.crossValidation)
        for family in ["lightgbm", "xgboost"] {
            #expect(Set(cvA.chosenRounds[family]?.keys ?? [:].keys) == ["p50@1-2", "p50@3-6", "p50@7+"], "\(family)")
        }
        #expect(cvA.chosenRounds["mlp"]?.isEmpty != false)
        #expect(cvA.chosenRounds == cvB.chosenRounds)
        for (foldA, foldB) in zip(cvA.folds, cvB.folds) {
            for family in ["lightgbm", "xgboost"] {
                #expect(abs(foldA.familyMAE[family]! - foldB.familyMAE[family]!) < 1e-4, "\(family) \(foldA.origin)")
            }
        }
        for model in a.models {
            let split = model.forecaster as? HorizonSplitForecaster
            #expect((split != nil) == (model.family != .mlp), "\(model.family.rawValue)")
            // The final model keeps each bucket's chosen rounds.
            if let split { #expect(split.bestIterations == cvA.chosenRounds[model.family.rawValue]) }
        }
    }

    /// What a refit did to its inputs is on record (provenance and `backtest.json`): the rows each
    /// feed was shown missing on, and the inputs left out because they stopped arriving.
    @Test(arguments: [false, true])
    func theRecordNamesFeedsShownMissingAndInputsLeftOut(loadStopsBeforeTheLastWeek: Bool) throws {
        let (workspace, _, builder) = try Self.stocked(families: ["lightgbm"])
        let store = try workspace.marketStore()
        // The bundled actual load runs 2023-11 … 2025-02; cut, it ends on 2024-10-31, so no row of
        // the last week before the cutoff has it (the features look back at most 7 days).
        let load = try SampleText.gunzip(SamplePaths.loadActual).split(separator: "\n").enumerated()
            .filter { index, line in index == 0 || !loadStopsBeforeTheLastWeek || line.split(separator: ",")[3] < "2024-11-01" }
            .map(\.element)
        let file = try SamplePaths.temporaryDirectory().appendingPathComponent("load_actual_hourly_by_weatherzone.csv")
        try Data((load.joined(separator: "\n") + "\n").utf8).write(to: file)
        _ = try store.ingest(file: file)
        let history = try store.loadHistory(points: try workspace.points(in: store), fromUTC: nil, toUTC: nil)
        let trainer = ModelTrainer(rules: workspace.rules, families: workspace.families, logger: workspace.logger)
        let window = TrainingWindow(product: .dayahead, cutoffUTC: Self.cutoff, windowDays: 0, cvFolds: 2, cvFoldDays: 30)

        let off = try #require(try trainer.train(history: history, builder: builder, window: window, familiesToTrain: [.lightgbm]).crossValidation)
        #expect(off.simulatedOutageRows == nil)
        let outcome = try trainer.train(history: history, builder: builder, window: window.simulatingFeedOutages(share: 0.2),
                                        familiesToTrain: [.lightgbm])
        let cv = try #require(outcome.crossValidation)
        let blanked = try #require(cv.simulatedOutageRows)
        #expect(Set(blanked.keys).isSubset(of: ["rt_intervals", "load_actual", "forecasts"]))
        let loadColumn = "load_actual_same_he_latest"
        #expect(cv.silencedColumns == off.silencedColumns)
        if loadStopsBeforeTheLastWeek {
            // Left out of every training row, so there is nothing left to blank.
            #expect(cv.silencedColumns?.contains(loadColumn) == true, "\(cv.silencedColumns ?? [])")
            #expect(blanked["load_actual"] == 0)
        } else {
            // Present on every row: blanked on whole issues, about a fifth of the training rows.
            #expect(cv.silencedColumns?.contains(loadColumn) == false, "\(cv.silencedColumns ?? [])")
            let share = Double(try #require(blanked["load_actual"])) / Double(outcome.trainRows)
            #expect(share > 0.1 && share < 0.3, "\(share)")
        }
    }

    @Test func recencyWeightsHalveEveryHalfLife() throws {
        let (workspace, history, builder) = try Self.stocked(families: ["lightgbm"])
        let window = TrainingWindow(product: .dayahead, cutoffUTC: Self.cutoff, windowDays: 0, recencyHalfLifeDays: 30)
        let frame = try builder.build(history: history, product: .dayahead, issueTimes: window.issueTimes(rules: workspace.rules, historyStartUTC: history.startUTC))
        let rows = Array(0..<frame.rowCount)
        let weights = try #require(window.weights(rows, frame: frame, originUTC: Self.cutoff))
        for row in rows {
            let age = Double(Self.cutoff - frame.issueUTC[row]) / 86_400
            #expect(abs(Double(weights[row]) - pow(0.5, age / 30)) < 1e-5)
        }
        #expect(TrainingWindow(product: .dayahead, cutoffUTC: Self.cutoff, windowDays: 0).weights(rows, frame: frame, originUTC: Self.cutoff) == nil)
    }

    /// Rows of target days before the latest rule change reached by the origin weigh `pre_regime_weight`.
    @Test func rowsBeforeTheLatestRegimeChangeWeighLess() throws {
        let (workspace, history, builder) = try Self.stocked(families: ["lightgbm"])
        var models = workspace.settings.models
        models.preRegimeWeight = 0.25
        let change = OperatingDay("2024-10-15")!, later = OperatingDay("2025-12-05")!
        let window = TrainingWindow(product: .dayahead, cutoffUTC: Self.cutoff, models: models, regimeChangeDays: [change, later])
        let frame = try builder.build(history: history, product: .dayahead, issueTimes: window.issueTimes(rules: workspace.rules, historyStartUTC: history.startUTC))
        let rows = Array(0..<frame.rowCount)
        let weights = try #require(window.weights(rows, frame: frame, originUTC: Self.cutoff))
        #expect(rows.allSatisfy { weights[$0] == (frame.operatingDay[$0] < change ? 0.25 : 1) })
        #expect(rows.contains { frame.operatingDay[$0] >= change } && rows.contains { frame.operatingDay[$0] < change })
        // A fold whose origin is before the change has no rule change yet: equal weights.
        #expect(window.weights(rows, frame: frame, originUTC: UTCFormat.parse("2024-10-01T05:00:00Z")!) == nil)
        // Weight 1 (the default) is off.
        #expect(TrainingWindow(product: .dayahead, cutoffUTC: Self.cutoff, models: workspace.settings.models, regimeChangeDays: [change])
            .weights(rows, frame: frame, originUTC: Self.cutoff) == nil)
    }

    @Test func hourlyTargetStrideKeepsEveryIssueHourAndHorizon() throws {
        let (workspace, history, builder) = try Self.stocked(families: ["lightgbm"])
        let rules = workspace.rules
        let all = TrainingWindow(product: .hourly, cutoffUTC: Self.cutoff, windowDays: 30, hourlyIssueStride: 1)
        let thinned = TrainingWindow(product: .hourly, cutoffUTC: Self.cutoff, windowDays: 30, hourlyIssueStride: 1, hourlyTargetStride: 3)
        let frame = try builder.build(history: history, product: .hourly, issueTimes: all.issueTimes(rules: rules))
        let full = all.usableRows(frame, rules: rules)
        let kept = thinned.usableRows(frame, rules: rules)
        let share = Double(kept.count) / Double(full.count)
        #expect(share > 0.32 && share < 0.35, "kept share \(share)")
        // Every (issue hour of day, horizon) pair still appears.
        func pair(_ row: Int) -> Int64 { (frame.issueUTC[row] / 3600 % 24) * 100 + (frame.targetUTC[row] - frame.issueUTC[row]) / 3600 }
        #expect(Set(kept.map(pair)) == Set(full.map(pair)))
        #expect(Set(kept).isSubset(of: Set(full)))
        // The trainer builds only the kept targets, and trains on exactly the rows it would take
        // from the whole frame.
        let trainer = ModelTrainer(rules: rules, families: workspace.families, logger: workspace.logger)
        let builtRows = FitSlots<Int>(count: 1)
        var counting = builder
        counting.onBuild = { builtRows.set(0, .success($0)) }
        let built = try trainer.train(history: history, builder: counting, window: thinned, familiesToTrain: [.lightgbm])
        #expect(try builtRows.results[0]?.get() == frame.rowCount / 3)
        let fromWhole = try trainer.train(frame: frame, featureSeconds: 0, window: thinned, familiesToTrain: [.lightgbm])
        #expect(built.trainRows == fromWhole.trainRows && built.validationRows == fromWhole.validationRows)
        #expect(built.rowDigest == fromWhole.rowDigest)
        #expect(built.models.map(\.validationMAE) == fromWhole.models.map(\.validationMAE))
    }
}
