import DartCore
import DartFeatures
import Foundation
import Logging

/// Gradient-boosted trees via LightGBM's C API.
///
/// P50 comes from the point model (`objective` = L1 or Huber); P10/P90 from two more
/// boosters with `objective=quantile`, `alpha` 0.1/0.9, trained on the same binned dataset.
/// Each booster stops early on its own validation metric (L1 for the point model, pinball
/// loss for the quantiles) and is rolled back to its best round. The flow is `BoostingModel`'s;
/// `LightGBMBoosting` holds what is LightGBM's own.
public final class LightGBMForecaster: RoundTunableForecaster {
    public let family = ModelFamilyName.lightgbm
    public var hyperparameters: LightGBMHyperparameters { model.hyperparameters }
    public var featureNames: [String] { model.featureNames }
    /// Rounds kept per output (`p50`, `p10`, `p90`) after early stopping.
    public var bestIterations: [String: Int] { model.bestIterations }
    /// Validation metric after each round per output, from the last fit with validation.
    public var validationCurves: [String: [Double]] { model.validationCurves }
    private var model: BoostingModel<LightGBMBoosting>

    /// Sidecar file name inside a saved model directory.
    public static let sidecarFileName = LightGBMBoosting.sidecarFileName

    public init(hyperparameters: LightGBMHyperparameters = .init(), logger: Logger) {
        model = BoostingModel(hyperparameters: hyperparameters, logger: logger)
    }

    private init(model: BoostingModel<LightGBMBoosting>) { self.model = model }

    /// Trains the point model and, if `trainIntervals`, the P10/P90 boosters.
    ///
    /// - Parameters:
    ///   - train: training rows; targets must be finite, features may be NaN (missing).
    ///   - validation: later rows with the same columns; drives early stopping. Without it every
    ///     booster trains `maxRounds` rounds.
    /// - Throws: `BoostingError` for invalid data, parameters LightGBM rejects (with its message),
    ///   or validation columns that differ from training.
    public func fit(train: Dataset, validation: Dataset?) throws { try model.fit(train: train, validation: validation) }

    /// Predicts P50 and, when trained, P10/P90 (clamped so P10 ≤ P50 ≤ P90).
    ///
    /// - Throws: `BoostingError.featureMismatch` when the columns differ from training,
    ///   `.notFitted` before `fit`/`load`, or a native failure.
    public func predict(_ features: FeatureMatrix) throws -> QuantileForecast { try model.predict(features) }

    /// Writes `lightgbm-p50.txt` (and `-p10`/`-p90`) LightGBM text models plus the `lightgbm.json` sidecar.
    public func save(to directory: URL) throws -> [URL] { try model.save(to: directory) }

    /// The same files with every name led by `fileNamePrefix`.
    public func save(to directory: URL, fileNamePrefix: String) throws -> [URL] {
        try model.save(to: directory, fileNamePrefix: fileNamePrefix)
    }

    /// Loads a model directory written by `save(to:)`.
    ///
    /// - Throws: `BoostingError` when files are missing, the sidecar is unreadable, or LightGBM
    ///   rejects a model file (its message is included).
    public static func load(from directory: URL, logger: Logger) throws -> LightGBMForecaster {
        try load(from: directory, fileNamePrefix: "", logger: logger)
    }

    /// Loads the files `save(to:fileNamePrefix:)` wrote with the same prefix.
    public static func load(from directory: URL, fileNamePrefix: String, logger: Logger) throws -> LightGBMForecaster {
        LightGBMForecaster(model: try .load(from: directory, fileNamePrefix: fileNamePrefix, logger: logger))
    }

    /// Keeps the first `rounds[output]` rounds of each booster (after cross-validation chose them).
    public func keepRounds(_ rounds: [String: Int]) throws { try model.keepRounds(rounds) }

    public func predict(_ features: FeatureMatrix, rounds: [String: Int]) throws -> QuantileForecast {
        try model.predict(features, rounds: rounds)
    }

    public func validationCurves(on data: Dataset) throws -> [String: [Double]] { try model.validationCurves(on: data) }
}
