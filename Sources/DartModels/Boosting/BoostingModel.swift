import DartFeatures
import Foundation
import Logging

/// The fit, predict, save, load and round-cutting flow shared by the LightGBM and XGBoost
/// forecasters; `Native` supplies only what is native to one library.
struct BoostingModel<Native: BoostingNative> {
    let hyperparameters: Native.Hyperparameters
    private(set) var featureNames: [String] = []
    /// Rounds kept per booster key after early stopping or `keepRounds`.
    private(set) var bestIterations: [String: Int] = [:]
    /// Validation metric after each round per booster key, from the last fit with validation.
    private(set) var validationCurves: [String: [Double]] = [:]
    private var boosters: [String: Native.Booster] = [:]
    private let logger: Logger

    init(hyperparameters: Native.Hyperparameters, logger: Logger) {
        self.hyperparameters = hyperparameters
        self.logger = logger
    }

    /// Trains every booster the hyperparameters ask for, each stopping early on its own
    /// validation metric and cut back to its best round.
    mutating func fit(train: Dataset, validation: Dataset?) throws {
        try FeatureColumns.validate(train: train, validation: validation, library: Native.library)
        let data = try Native.trainingData(train: train, validation: validation, hyperparameters)
        var trained: [String: Native.Booster] = [:]
        var rounds: [String: Int] = [:]
        var curves: [String: [Double]] = [:]
        for key in Native.boosterKeys(hyperparameters) {
            (trained[key], rounds[key], curves[key]) = try boost(key, on: data)
        }
        boosters = trained
        bestIterations = rounds
        validationCurves = curves.filter { !$0.value.isEmpty }
        featureNames = train.features.names
        logger.info("\(Native.family.rawValue) fitted", metadata: [
            "rows": "\(train.features.rowCount)", "features": "\(featureNames.count)",
            "best_iterations": .dictionary(rounds.mapValues { .stringConvertible($0) }),
        ])
    }

    /// Boosts one booster up to its round budget and keeps its best rounds.
    private func boost(_ key: String, on data: Native.TrainingData) throws -> (Native.Booster, Int, [Double]) {
        let run = try Native.start(key, on: data, hyperparameters)
        let outcome = try BoostingLoop.run(
            maxRounds: hyperparameters.rounds(for: key), patience: hyperparameters.earlyStoppingRounds,
            update: run.update, validationScore: run.validationScore)
        // A library may add no tree in a round that finds no split, so trust its own count.
        let completed = try Native.roundCount(run.booster)
        let keep = min(outcome.bestRounds, completed)
        let booster = keep < completed ? try Native.keepingFirst(keep, of: run.booster) : run.booster
        logger.debug("\(Native.family.rawValue) booster trained", metadata: [
            "output": "\(key)", "rounds": "\(completed)", "kept_rounds": "\(keep)",
            "best_validation_score": "\(outcome.bestScore)",
        ])
        return (booster, keep, outcome.curve)
    }

    /// Predicts P50 and, when trained, P10/P90 (clamped so P10 ≤ P50 ≤ P90); a key in `rounds`
    /// uses only that booster's first rounds without cutting it.
    func predict(_ features: FeatureMatrix, rounds: [String: Int] = [:]) throws -> QuantileForecast {
        guard !boosters.isEmpty else { throw Native.notFitted }
        try FeatureColumns.requireMatch(trained: featureNames, given: features.names, library: Native.library)
        var held: [String: Int] = [:]
        for (key, wanted) in rounds { if let booster = boosters[key] { held[key] = max(1, min(wanted, try Native.roundCount(booster))) } }
        var forecast = try Native.predict(boosters, features, hyperparameters, rounds: held)
        if var p10 = forecast.p10, var p90 = forecast.p90 {
            QuantileOrdering.clampAroundMedian(p10: &p10, p50: forecast.p50, p90: &p90)
            (forecast.p10, forecast.p90) = (p10, p90)
        }
        return forecast
    }

    /// The point booster's mean absolute error on `data` after each round, from staged
    /// predictions: the curve a fit with `data` as validation would have recorded, for a model
    /// fitted before `data` was known (a walk-forward backtest reuses earlier refits as folds).
    func validationCurves(on data: Dataset) throws -> [String: [Double]] {
        guard let key = Native.pointBoosterKey(hyperparameters), let booster = boosters[key] else { throw Native.notFitted }
        try FeatureColumns.requireMatch(trained: featureNames, given: data.features.names, library: Native.library)
        var curve: [Double] = []
        try Native.stagedPredictions(booster, data.features, hyperparameters) { _, output in
            var sum = 0.0
            for (forecast, actual) in zip(output, data.target) { sum += abs(forecast - Double(actual)) }
            curve.append(data.target.isEmpty ? .nan : sum / Double(data.target.count))
        }
        return [key: curve]
    }

    /// Keeps the first `rounds[key]` rounds of each booster (after cross-validation chose them).
    mutating func keepRounds(_ rounds: [String: Int]) throws {
        for (key, booster) in boosters {
            guard let wanted = rounds[key] else { continue }
            let completed = try Native.roundCount(booster)
            let keep = max(1, min(wanted, completed))
            if keep < completed { boosters[key] = try Native.keepingFirst(keep, of: booster) }
            bestIterations[key] = keep
        }
    }

    /// Writes each booster's native model file plus the sidecar, every name led by
    /// `fileNamePrefix` (so several models of one family can share a flat folder).
    func save(to directory: URL, fileNamePrefix: String = "") throws -> [URL] {
        let models = boosters.sorted { $0.key < $1.key }.map { key, booster in
            NativeModelFile(output: key, fileName: fileNamePrefix + Native.modelFileName(key), write: { try Native.save(booster, to: $0) })
        }
        return try BoostingSidecar.saveModelDirectory(
            directory, models: models, sidecarFileName: fileNamePrefix + Native.sidecarFileName, library: Native.library, family: Native.family,
            featureNames: featureNames, hyperparameters: hyperparameters, bestIterations: bestIterations)
    }

    /// Loads a model directory written by `save(to:fileNamePrefix:)` with the same prefix.
    ///
    /// - Throws: `BoostingError` when files are missing, the sidecar is unreadable, or the library
    ///   rejects a model file (its message is included).
    static func load(from directory: URL, fileNamePrefix: String = "", logger: Logger) throws -> BoostingModel {
        let sidecar = try BoostingSidecar<Native.Hyperparameters>.read(
            from: directory.appendingPathComponent(fileNamePrefix + Native.sidecarFileName), expecting: Native.family, library: Native.library)
        var model = BoostingModel(hyperparameters: sidecar.hyperparameters, logger: logger)
        for key in try Native.savedKeys(sidecar, in: directory) {
            let url = try sidecar.modelFile(key, in: directory, fileNamePrefix: fileNamePrefix, library: Native.library)
            model.boosters[key] = try Native.loadBooster(from: url, sidecar: sidecar)
        }
        try Native.requireComplete(model.boosters, in: directory)
        model.featureNames = sidecar.featureNames
        model.bestIterations = sidecar.bestIterations
        return model
    }
}
