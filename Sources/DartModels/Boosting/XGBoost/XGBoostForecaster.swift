import DartFeatures
import Foundation
import Logging

/// Gradient-boosted trees via XGBoost's C API (`tree_method=hist`).
///
/// Two boosters: a point model (`reg:absoluteerror` by default) and one multi-output
/// quantile booster (`reg:quantileerror`) for P10/P90.
/// P50 comes from the point model by default (`MedianSource.pointModel`): it is the loss the
/// caller chose, stops early on MAE alone, and matches LightGBM where P50 is the main model;
/// the quantile booster then fits `quantile_alpha` = [0.1, 0.9] only, since a 0.5 column
/// would cost a third more and go unused. `.quantileModel` fits [0.1, 0.5, 0.9] in one booster
/// and takes P50 from the 0.5 column, with no point booster. Each booster stops early on its
/// validation metric and is sliced to its best round.
public final class XGBoostForecaster: RoundTunableForecaster {
    public let family = ModelFamily.xgboost
    public let hyperparameters: XGBoostHyperparameters
    public private(set) var featureNames: [String] = []
    /// Rounds kept per booster (`p50`, `quantiles`) after early stopping.
    public private(set) var bestIterations: [String: Int] = [:]
    /// Validation metric after each round per booster (`p50`, `quantiles`), from the last fit with validation.
    public private(set) var validationCurves: [String: [Double]] = [:]

    private var pointBooster: XGBoostBooster?
    private var quantileBooster: XGBoostBooster?
    private let logger: Logger

    /// Sidecar file name inside a saved model directory.
    public static let sidecarFileName = "xgboost.json"
    private static let pointKey = "p50"
    private static let quantilesKey = "quantiles"

    public init(hyperparameters: XGBoostHyperparameters = .init(), logger: Logger) {
        self.hyperparameters = hyperparameters
        self.logger = logger
    }

    private var trainsPointModel: Bool { hyperparameters.medianSource == .pointModel }
    private var trainsQuantileModel: Bool { hyperparameters.trainIntervals || hyperparameters.medianSource == .quantileModel }
    /// Quantile levels of the multi-output booster, in output column order.
    private var quantileLevels: [QuantileOutput] { trainsPointModel ? [.p10, .p90] : [.p10, .p50, .p90] }

    /// Trains the boosters the hyperparameters ask for.
    ///
    /// - Parameters:
    ///   - train: training rows; targets must be finite, features may be NaN (missing).
    ///   - validation: later rows with the same columns; drives early stopping. Without it every
    ///     booster trains `maxRounds` rounds.
    /// - Throws: `BoostingError` for invalid data, parameters XGBoost rejects (with its message),
    ///   or validation columns that differ from training.
    public func fit(train: Dataset, validation: Dataset?) throws {
        try FeatureColumns.validate(train: train, validation: validation, library: .xgboost)
        let trainMatrix = try XGBoostMatrix(features: train.features, labels: train.target, weights: train.weights)
        let validationMatrix = try validation.map { try XGBoostMatrix(features: $0.features, labels: $0.target) }

        var rounds: [String: Int] = [:]
        var curves: [String: [Double]] = [:]
        var point: XGBoostBooster?
        var quantiles: XGBoostBooster?
        if trainsPointModel {
            let (booster, kept, curve) = try boost(
                parameters: try parameters(quantiles: false), metric: "mae", rounds: hyperparameters.rounds(for: Self.pointKey),
                train: trainMatrix, validation: validationMatrix)
            point = booster
            rounds[Self.pointKey] = kept
            curves[Self.pointKey] = curve
        }
        if trainsQuantileModel {
            let (booster, kept, curve) = try boost(
                parameters: try parameters(quantiles: true), metric: "quantile", rounds: hyperparameters.rounds(for: Self.quantilesKey),
                train: trainMatrix, validation: validationMatrix)
            quantiles = booster
            rounds[Self.quantilesKey] = kept
            curves[Self.quantilesKey] = curve
        }
        pointBooster = point
        quantileBooster = quantiles
        bestIterations = rounds
        validationCurves = curves.filter { !$0.value.isEmpty }
        featureNames = train.features.names
        logger.info("xgboost fitted", metadata: [
            "rows": "\(train.features.rowCount)", "features": "\(featureNames.count)",
            "best_iterations": "\(rounds.sorted { $0.key < $1.key })",
        ])
    }

    /// Predicts P50 and, when trained, P10/P90 (clamped so P10 ≤ P50 ≤ P90).
    ///
    /// - Throws: `BoostingError.featureMismatch` when the columns differ from training,
    ///   `.notFitted` before `fit`/`load`, or a native failure.
    public func predict(_ features: FeatureMatrix) throws -> QuantileForecast {
        guard pointBooster != nil || quantileBooster != nil else {
            throw BoostingError(code: .notFitted, library: .xgboost, hint: "Call fit(train:validation:) or load(from:) before predict.")
        }
        try FeatureColumns.requireMatch(trained: featureNames, given: features.names, library: .xgboost)
        let rows = features.rowCount
        guard rows > 0 else {
            let noRows: [Float]? = hyperparameters.trainIntervals ? [] : nil
            return QuantileForecast(p50: [], p10: noRows, p90: noRows)
        }
        let matrix = try XGBoostMatrix(features: features)
        let levels = quantileLevels.count
        let quantileValues = try quantileBooster?.predict(matrix, rows: rows, outputCount: levels)
        func column(_ level: QuantileOutput) -> [Float]? {
            guard let quantileValues, let offset = quantileLevels.firstIndex(of: level) else { return nil }
            return (0..<rows).map { quantileValues[$0 * levels + offset] }
        }
        let p50: [Float]
        if let pointBooster {
            p50 = try pointBooster.predict(matrix, rows: rows, outputCount: 1)
        } else if let median = column(.p50) {
            p50 = median
        } else {
            throw BoostingError(code: .notFitted, library: .xgboost, hint: "No booster supplies P50; refit or re-save the model.")
        }
        guard hyperparameters.trainIntervals, var p10 = column(.p10), var p90 = column(.p90) else {
            return QuantileForecast(p50: p50)
        }
        QuantileOrdering.clampAroundMedian(p10: &p10, p50: p50, p90: &p90)
        return QuantileForecast(p50: p50, p10: p10, p90: p90)
    }

    /// Writes `xgboost-p50.ubj` and/or `xgboost-quantiles.ubj` plus the `xgboost.json` sidecar.
    public func save(to directory: URL) throws -> [URL] {
        let models = [(Self.pointKey, pointBooster), (Self.quantilesKey, quantileBooster)].compactMap { key, booster in
            booster.map { NativeModelFile(output: key, fileName: "xgboost-\(key).ubj", write: $0.save(to:)) }
        }
        return try BoostingSidecar.saveModelDirectory(
            directory, models: models, sidecarFileName: Self.sidecarFileName, library: .xgboost, family: family,
            featureNames: featureNames, hyperparameters: hyperparameters, bestIterations: bestIterations)
    }

    /// Loads a model directory written by `save(to:)`.
    ///
    /// - Throws: `BoostingError` when files are missing, the sidecar is unreadable, or XGBoost
    ///   rejects a model file (its message is included).
    public static func load(from directory: URL, logger: Logger) throws -> XGBoostForecaster {
        let sidecar = try BoostingSidecar<XGBoostHyperparameters>.read(
            from: directory.appendingPathComponent(sidecarFileName), expecting: .xgboost, library: .xgboost)
        let forecaster = XGBoostForecaster(hyperparameters: sidecar.hyperparameters, logger: logger)
        var threads = NativeParameters()
        threads.set("nthread", "\(sidecar.hyperparameters.numThreads)")
        if forecaster.trainsPointModel {
            let booster = try XGBoostBooster(modelFile: try sidecar.modelFile(pointKey, in: directory, library: .xgboost))
            try booster.set(threads)
            forecaster.pointBooster = booster
        }
        if forecaster.trainsQuantileModel {
            let booster = try XGBoostBooster(modelFile: try sidecar.modelFile(quantilesKey, in: directory, library: .xgboost))
            try booster.set(threads)
            forecaster.quantileBooster = booster
        }
        forecaster.featureNames = sidecar.featureNames
        forecaster.bestIterations = sidecar.bestIterations
        return forecaster
    }

    // MARK: - Training

    /// XGBoost parameters for the point or the quantile booster; raw overrides are applied last.
    private func parameters(quantiles: Bool) throws -> NativeParameters {
        let h = hyperparameters
        var p = NativeParameters()
        if quantiles {
            p.set("objective", "reg:quantileerror")
            p.set("quantile_alpha", "[" + quantileLevels.map { "\($0.alpha)" }.joined(separator: ",") + "]")
            p.set("eval_metric", "quantile")
        } else {
            switch h.objective {
            case .absoluteError:
                p.set("objective", "reg:absoluteerror")
            case .pseudoHuber(let slope):
                p.set("objective", "reg:pseudohubererror")
                p.set("huber_slope", "\(slope)")
            }
            // Early stopping on MAE for both objectives: MAE is what the project reports.
            p.set("eval_metric", "mae")
        }
        p.set("tree_method", "hist")
        p.set("max_depth", "\(h.maxDepth)")
        p.set("eta", "\(h.learningRate)")
        p.set("min_child_weight", "\(h.minChildWeight)")
        p.set("subsample", "\(h.subsample)")
        p.set("colsample_bytree", "\(h.columnSampleByTree)")
        p.set("lambda", "\(h.lambda)")
        p.set("alpha", "\(h.alpha)")
        p.set("max_bin", "\(h.maxBin)")
        p.set("seed", "\(h.seed)")
        p.set("nthread", "\(h.numThreads)")
        p.set("verbosity", "0")
        try p.override(with: h.rawParameters, library: .xgboost)
        return p
    }

    /// Keeps the first `rounds[key]` rounds of each booster (after cross-validation chose them).
    public func keepRounds(_ rounds: [String: Int]) throws {
        if let wanted = rounds[Self.pointKey], let booster = pointBooster {
            let keep = max(1, min(wanted, try booster.boostedRounds))
            if keep < (try booster.boostedRounds) { pointBooster = try booster.keepingFirst(rounds: keep) }
            bestIterations[Self.pointKey] = keep
        }
        if let wanted = rounds[Self.quantilesKey], let booster = quantileBooster {
            let keep = max(1, min(wanted, try booster.boostedRounds))
            if keep < (try booster.boostedRounds) { quantileBooster = try booster.keepingFirst(rounds: keep) }
            bestIterations[Self.quantilesKey] = keep
        }
    }

    /// Boosts one booster for up to `rounds`, stopping early on `metric` when `earlyStoppingRounds`
    /// > 0; returns it sliced to its best round, the rounds kept and the validation curve.
    private func boost(
        parameters: NativeParameters, metric: String, rounds: Int, train: XGBoostMatrix, validation: XGBoostMatrix?
    ) throws -> (XGBoostBooster, Int, [Double]) {
        let booster = try XGBoostBooster(caching: [train] + (validation.map { [$0] } ?? []))
        try booster.set(parameters)
        let outcome = try BoostingLoop.run(
            maxRounds: rounds, patience: hyperparameters.earlyStoppingRounds,
            update: { round in
                try booster.updateOneRound(round, train: train)
                return false
            },
            validationScore: validation.map { validation in
                { round in
                    let line = try booster.evaluate(round: round, on: validation, named: "valid")
                    return try XGBoostEvaluationLine.score(in: line, dataset: "valid", metric: metric)
                }
            })
        logger.debug("xgboost booster trained", metadata: [
            "objective": "\(parameters.pairs.first { $0.key == "objective" }?.value ?? "")",
            "rounds": "\(outcome.completedRounds)", "kept_rounds": "\(outcome.bestRounds)",
            "best_validation_score": "\(outcome.bestScore)",
        ])
        guard outcome.bestRounds < outcome.completedRounds else { return (booster, outcome.bestRounds, outcome.curve) }
        // The slice copies the learner's configuration (threads, objective, intercept).
        return (try booster.keepingFirst(rounds: outcome.bestRounds), outcome.bestRounds, outcome.curve)
    }
}
