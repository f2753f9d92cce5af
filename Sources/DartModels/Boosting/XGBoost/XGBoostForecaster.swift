import DartCore
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
/// validation metric and is sliced to its best round. The flow is `BoostingModel`'s;
/// `XGBoostBoosting` holds what is XGBoost's own.
public final class XGBoostForecaster: RoundTunableForecaster {
    public let family = ModelFamilyName.xgboost
    public var hyperparameters: XGBoostHyperparameters { model.hyperparameters }
    public var featureNames: [String] { model.featureNames }
    /// Rounds kept per booster (`p50`, `quantiles`) after early stopping.
    public var bestIterations: [String: Int] { model.bestIterations }
    /// Validation metric after each round per booster (`p50`, `quantiles`), from the last fit with validation.
    public var validationCurves: [String: [Double]] { model.validationCurves }
    private var model: BoostingModel<XGBoostBoosting>

    /// Sidecar file name inside a saved model directory.
    public static let sidecarFileName = XGBoostBoosting.sidecarFileName

    public init(hyperparameters: XGBoostHyperparameters = .init(), logger: Logger) {
        model = BoostingModel(hyperparameters: hyperparameters, logger: logger)
    }

    private init(model: BoostingModel<XGBoostBoosting>) { self.model = model }

    /// Trains the boosters the hyperparameters ask for.
    ///
    /// - Parameters:
    ///   - train: training rows; targets must be finite, features may be NaN (missing).
    ///   - validation: later rows with the same columns; drives early stopping. Without it every
    ///     booster trains `maxRounds` rounds.
    /// - Throws: `BoostingError` for invalid data, parameters XGBoost rejects (with its message),
    ///   or validation columns that differ from training.
    public func fit(train: Dataset, validation: Dataset?) throws { try model.fit(train: train, validation: validation) }

    /// Predicts P50 and, when trained, P10/P90 (clamped so P10 ≤ P50 ≤ P90).
    ///
    /// - Throws: `BoostingError.featureMismatch` when the columns differ from training,
    ///   `.notFitted` before `fit`/`load`, or a native failure.
    public func predict(_ features: FeatureMatrix) throws -> QuantileForecast { try model.predict(features) }

    /// Writes `xgboost-p50.ubj` and/or `xgboost-quantiles.ubj` plus the `xgboost.json` sidecar.
    public func save(to directory: URL) throws -> [URL] { try model.save(to: directory) }

    /// The same files with every name led by `fileNamePrefix`.
    public func save(to directory: URL, fileNamePrefix: String) throws -> [URL] {
        try model.save(to: directory, fileNamePrefix: fileNamePrefix)
    }

    /// Loads a model directory written by `save(to:)`.
    ///
    /// - Throws: `BoostingError` when files are missing, the sidecar is unreadable, or XGBoost
    ///   rejects a model file (its message is included).
    public static func load(from directory: URL, logger: Logger) throws -> XGBoostForecaster {
        try load(from: directory, fileNamePrefix: "", logger: logger)
    }

    /// Loads the files `save(to:fileNamePrefix:)` wrote with the same prefix.
    public static func load(from directory: URL, fileNamePrefix: String, logger: Logger) throws -> XGBoostForecaster {
        XGBoostForecaster(model: try .load(from: directory, fileNamePrefix: fileNamePrefix, logger: logger))
    }

    /// Keeps the first `rounds[key]` rounds of each booster (after cross-validation chose them).
    public func keepRounds(_ rounds: [String: Int]) throws { try model.keepRounds(rounds) }

    public func predict(_ features: FeatureMatrix, rounds: [String: Int]) throws -> QuantileForecast {
        try model.predict(features, rounds: rounds)
    }

    public func validationCurves(on data: Dataset) throws -> [String: [Double]] { try model.validationCurves(on: data) }
}
