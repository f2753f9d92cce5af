import DartFeatures
import Foundation
import Logging

/// Gradient-boosted trees via LightGBM's C API.
///
/// P50 comes from the point model (`objective` = L1 or Huber); P10/P90 from two more
/// boosters with `objective=quantile`, `alpha` 0.1/0.9, trained on the same binned dataset.
/// Each booster stops early on its own validation metric (L1 for the point model, pinball
/// loss for the quantiles) and is rolled back to its best round.
public final class LightGBMForecaster: RoundTunableForecaster {
    public let family = ModelFamily.lightgbm
    public let hyperparameters: LightGBMHyperparameters
    public private(set) var featureNames: [String] = []
    /// Rounds kept per output (`p50`, `p10`, `p90`) after early stopping.
    public private(set) var bestIterations: [String: Int] = [:]
    /// Validation metric after each round per output, from the last fit with validation.
    public private(set) var validationCurves: [String: [Double]] = [:]

    private var boosters: [QuantileOutput: LightGBMBooster] = [:]
    private let logger: Logger

    /// Sidecar file name inside a saved model directory.
    public static let sidecarFileName = "lightgbm.json"

    public init(hyperparameters: LightGBMHyperparameters = .init(), logger: Logger) {
        self.hyperparameters = hyperparameters
        self.logger = logger
    }

    /// Trains the point model and, if `trainIntervals`, the P10/P90 boosters.
    ///
    /// - Parameters:
    ///   - train: training rows; targets must be finite, features may be NaN (missing).
    ///   - validation: later rows with the same columns; drives early stopping. Without it every
    ///     booster trains `maxRounds` rounds.
    /// - Throws: `BoostingError` for invalid data, parameters LightGBM rejects (with its message),
    ///   or validation columns that differ from training.
    public func fit(train: Dataset, validation: Dataset?) throws {
        try FeatureColumns.validate(train: train, validation: validation, library: .lightgbm)
        let pointParameters = try parameters(for: .p50)
        let trainSet = try LightGBMDataset(
            features: train.features, labels: train.target, weights: train.weights, parameters: pointParameters.spaceSeparated, reference: nil)
        let validationSet = try validation.map {
            try LightGBMDataset(features: $0.features, labels: $0.target, parameters: pointParameters.spaceSeparated, reference: trainSet)
        }

        var trained: [QuantileOutput: LightGBMBooster] = [:]
        var rounds: [String: Int] = [:]
        var curves: [String: [Double]] = [:]
        let outputs: [QuantileOutput] = hyperparameters.trainIntervals ? [.p50, .p10, .p90] : [.p50]
        for output in outputs {
            let booster = try LightGBMBooster(train: trainSet, parameters: try parameters(for: output).spaceSeparated)
            if let validationSet { try booster.addValidation(validationSet) }
            (rounds[output.rawValue], curves[output.rawValue]) = try boost(booster, validating: validationSet != nil, output: output)
            trained[output] = booster
        }
        boosters = trained
        bestIterations = rounds
        validationCurves = curves.filter { !$0.value.isEmpty }
        featureNames = train.features.names
        logger.info("lightgbm fitted", metadata: [
            "rows": "\(train.features.rowCount)", "features": "\(featureNames.count)",
            "best_iterations": "\(rounds.sorted { $0.key < $1.key })",
        ])
    }

    /// Predicts P50 and, when trained, P10/P90 (clamped so P10 ≤ P50 ≤ P90).
    ///
    /// - Throws: `BoostingError.featureMismatch` when the columns differ from training,
    ///   `.notFitted` before `fit`/`load`, or a native failure.
    public func predict(_ features: FeatureMatrix) throws -> QuantileForecast {
        guard let point = boosters[.p50] else {
            throw BoostingError(code: .notFitted, library: .lightgbm, hint: "Call fit(train:validation:) or load(from:) before predict.")
        }
        try FeatureColumns.requireMatch(trained: featureNames, given: features.names, library: .lightgbm)
        guard features.rowCount <= Int(Int32.max) else {
            throw BoostingError(code: .invalidTrainingData, library: .lightgbm, value: String(features.rowCount),
                                hint: "Too many rows for one LightGBM call; predict in batches.")
        }
        let predictParameters = "num_threads=\(hyperparameters.numThreads)"
        let p50 = try point.predict(features, parameters: predictParameters)
        guard let lower = boosters[.p10], let upper = boosters[.p90] else { return QuantileForecast(p50: p50) }
        var p10 = try lower.predict(features, parameters: predictParameters)
        var p90 = try upper.predict(features, parameters: predictParameters)
        QuantileOrdering.clampAroundMedian(p10: &p10, p50: p50, p90: &p90)
        return QuantileForecast(p50: p50, p10: p10, p90: p90)
    }

    /// Writes `lightgbm-p50.txt` (and `-p10`/`-p90`) LightGBM text models plus the `lightgbm.json` sidecar.
    public func save(to directory: URL) throws -> [URL] {
        let models = boosters.sorted { $0.key.rawValue < $1.key.rawValue }.map { output, booster in
            NativeModelFile(output: output.rawValue, fileName: "lightgbm-\(output.rawValue).txt", write: booster.save(to:))
        }
        return try BoostingSidecar.saveModelDirectory(
            directory, models: models, sidecarFileName: Self.sidecarFileName, library: .lightgbm, family: family,
            featureNames: featureNames, hyperparameters: hyperparameters, bestIterations: bestIterations)
    }

    /// Loads a model directory written by `save(to:)`.
    ///
    /// - Throws: `BoostingError` when files are missing, the sidecar is unreadable, or LightGBM
    ///   rejects a model file (its message is included).
    public static func load(from directory: URL, logger: Logger) throws -> LightGBMForecaster {
        let sidecar = try BoostingSidecar<LightGBMHyperparameters>.read(
            from: directory.appendingPathComponent(sidecarFileName), expecting: .lightgbm, library: .lightgbm)
        let forecaster = LightGBMForecaster(hyperparameters: sidecar.hyperparameters, logger: logger)
        for key in sidecar.modelFiles.keys.sorted() {
            guard let output = QuantileOutput(rawValue: key) else {
                throw BoostingError(code: .artifactUnreadable, library: .lightgbm, path: directory.path, key: key,
                                    hint: "Unknown model output '\(key)' in the sidecar; re-save the model.")
            }
            let url = try sidecar.modelFile(key, in: directory, library: .lightgbm)
            let booster = try LightGBMBooster(modelFile: url)
            let count = try booster.featureCount
            guard count == sidecar.featureNames.count else {
                throw BoostingError(code: .artifactUnreadable, library: .lightgbm, path: url.path, value: String(count),
                                    hint: "The model has \(count) features but the sidecar names \(sidecar.featureNames.count); the directory mixes models.")
            }
            forecaster.boosters[output] = booster
        }
        guard forecaster.boosters[.p50] != nil else {
            throw BoostingError(code: .artifactUnreadable, library: .lightgbm, path: directory.path, key: "p50",
                                hint: "The sidecar lists no P50 model; re-save the model.")
        }
        forecaster.featureNames = sidecar.featureNames
        forecaster.bestIterations = sidecar.bestIterations
        return forecaster
    }

    // MARK: - Training

    /// LightGBM parameters for one output; raw overrides are applied last.
    private func parameters(for output: QuantileOutput) throws -> NativeParameters {
        let h = hyperparameters
        var p = NativeParameters()
        switch output {
        case .p50:
            switch h.objective {
            case .l1:
                p.set("objective", "l1")
            case .huber(let delta):
                p.set("objective", "huber")
                p.set("alpha", "\(delta)")
            }
            // Early stopping on MAE for both objectives: MAE is what the project reports.
            p.set("metric", "l1")
        case .p10, .p90:
            p.set("objective", "quantile")
            p.set("alpha", "\(output.alpha)")
            p.set("metric", "quantile")
        }
        p.set("num_leaves", "\(h.numLeaves)")
        p.set("learning_rate", "\(h.learningRate)")
        p.set("min_data_in_leaf", "\(h.minDataInLeaf)")
        p.set("feature_fraction", "\(h.featureFraction)")
        p.set("bagging_fraction", "\(h.baggingFraction)")
        p.set("bagging_freq", "\(h.baggingFrequency)")
        p.set("lambda_l1", "\(h.lambdaL1)")
        p.set("lambda_l2", "\(h.lambdaL2)")
        p.set("max_bin", "\(h.maxBin)")
        p.set("seed", "\(h.seed)")
        p.set("num_threads", "\(h.numThreads)")
        p.set("deterministic", "true")
        // Fixing the histogram layout skips LightGBM's timing-based choice, which would be non-deterministic.
        p.set("force_row_wise", "true")
        p.set("verbosity", "-1")
        try p.override(with: h.rawParameters, library: .lightgbm)
        return p
    }

    /// Keeps the first `rounds[output]` rounds of each booster (after cross-validation chose them).
    public func keepRounds(_ rounds: [String: Int]) throws {
        for (output, booster) in boosters {
            guard let wanted = rounds[output.rawValue] else { continue }
            let completed = try booster.roundCount
            let keep = max(1, min(wanted, completed))
            try booster.rollBack(rounds: completed - keep)
            bestIterations[output.rawValue] = keep
        }
    }

    /// Boosts up to the output's round budget, stopping early on the validation metric when
    /// `earlyStoppingRounds` > 0; returns rounds kept and the validation curve.
    private func boost(_ booster: LightGBMBooster, validating: Bool, output: QuantileOutput) throws -> (Int, [Double]) {
        var metrics = [Double](repeating: .nan, count: validating ? max(try booster.metricCount, 1) : 0)
        let outcome = try BoostingLoop.run(
            maxRounds: hyperparameters.rounds(for: output.rawValue), patience: hyperparameters.earlyStoppingRounds,
            update: { _ in try booster.updateOneRound() },
            validationScore: validating ? { _ in try booster.firstMetric(validationIndex: 1, buffer: &metrics) } : nil)
        // LightGBM may not add a tree in a round that finds no split, so trust its own count.
        let completed = try booster.roundCount
        let keep = min(outcome.bestRounds, completed)
        try booster.rollBack(rounds: completed - keep)
        logger.debug("lightgbm booster trained", metadata: [
            "output": "\(output.rawValue)", "rounds": "\(completed)", "kept_rounds": "\(keep)",
            "best_validation_score": "\(outcome.bestScore)",
        ])
        return (keep, outcome.curve)
    }
}
