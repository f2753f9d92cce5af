import DartConfig
import DartCore
import DartModels
import Foundation
import Logging

/// Builds and loads the trainable model families from settings.
///
/// Hyperparameters in `models.hyperparameters.<family>` use the libraries' own names; unknown
/// names are errors that name the key, so a typo never silently trains the default model.
public struct ModelFamilies: Sendable {
    public let settings: ModelSettings
    /// OpenMP threads per booster. Boosters of different families train concurrently, one thread each by default.
    public let threadsPerModel: Int
    /// The product whose hyperparameters apply (`models.hourly_hyperparameters` override for hourly).
    public let product: ForecastProduct

    public init(settings: ModelSettings, threadsPerModel: Int? = nil, product: ForecastProduct = .dayahead) {
        self.settings = settings
        self.threadsPerModel = threadsPerModel ?? max(1, settings.threads)
        self.product = product
    }

    /// The same families with `product`'s hyperparameters.
    public func forProduct(_ product: ForecastProduct) -> ModelFamilies {
        ModelFamilies(settings: settings, threadsPerModel: threadsPerModel, product: product)
    }

    public static let trainable: [ModelFamily] = [.lightgbm, .xgboost, .mlp]

    public func families() -> [ModelFamily] {
        settings.families.compactMap { ModelFamily(rawValue: $0.rawValue) }
    }

    /// - Parameters:
    ///   - roundsByOutput: boosting rounds per output chosen by cross-validation (they replace the budget).
    ///   - quantileBoosters: boosters also fit P10/P90 models; off when residual bands replace them.
    public func make(_ family: ModelFamily, logger: Logger, roundsByOutput: [String: Int]? = nil,
                     quantileBoosters: Bool = true) throws -> any Forecaster {
        switch family {
        case .lightgbm:
            var h = try lightGBM()
            h.roundsByOutput = roundsByOutput
            h.trainIntervals = quantileBoosters
            return LightGBMForecaster(hyperparameters: h, logger: logger)
        case .xgboost:
            var h = try xgBoost()
            h.roundsByOutput = roundsByOutput
            h.trainIntervals = quantileBoosters
            return XGBoostForecaster(hyperparameters: h, logger: logger)
        case .mlp: return MLPForecaster(hyperparameters: try mlp(), logger: logger)
        default: throw PipelineError(.configuration, "model family '\(family.rawValue)' is not trainable; use lightgbm, xgboost or mlp")
        }
    }

    public static func load(_ family: ModelFamily, from directory: URL, logger: Logger) throws -> any Forecaster {
        switch family {
        case .lightgbm: return try LightGBMForecaster.load(from: directory, logger: logger)
        case .xgboost: return try XGBoostForecaster.load(from: directory, logger: logger)
        case .mlp: return try MLPForecaster.load(from: directory, logger: logger)
        default: return try BaselineLoader.load(from: directory)
        }
    }

    func values(_ family: ModelSettings.Family) -> [String: Double] { settings.hyperparameters(family, product: product.rawValue) }

    func unknown(_ family: ModelSettings.Family, _ key: String, _ known: [String]) -> PipelineError {
        PipelineError(.configuration, "models.hyperparameters.\(family.rawValue).\(key) is not a known setting; use one of \(known.sorted().joined(separator: ", "))")
    }

    public func lightGBM() throws -> LightGBMHyperparameters {
        var h = LightGBMHyperparameters()
        h.objective = settings.objective == .huber ? .huber(delta: settings.huberDelta) : .l1
        h.seed = settings.seed
        h.numThreads = threadsPerModel
        let known = ["num_iterations", "learning_rate", "num_leaves", "min_data_in_leaf", "feature_fraction",
                     "bagging_fraction", "bagging_freq", "lambda_l1", "lambda_l2", "max_bin", "early_stopping_rounds"]
        for (key, value) in values(.lightgbm) {
            switch key {
            case "num_iterations": h.maxRounds = Int(value)
            case "learning_rate": h.learningRate = value
            case "num_leaves": h.numLeaves = Int(value)
            case "min_data_in_leaf": h.minDataInLeaf = Int(value)
            case "feature_fraction": h.featureFraction = value
            case "bagging_fraction": h.baggingFraction = value
            case "bagging_freq": h.baggingFrequency = Int(value)
            case "lambda_l1": h.lambdaL1 = value
            case "lambda_l2": h.lambdaL2 = value
            case "max_bin": h.maxBin = Int(value)
            case "early_stopping_rounds": h.earlyStoppingRounds = Int(value)
            default: throw unknown(.lightgbm, key, known)
            }
        }
        return h
    }

    public func xgBoost() throws -> XGBoostHyperparameters {
        var h = XGBoostHyperparameters()
        if settings.objective == .huber { h.objective = .pseudoHuber(slope: settings.huberDelta) }
        h.seed = settings.seed
        h.numThreads = threadsPerModel
        let known = ["num_boost_round", "eta", "max_depth", "min_child_weight", "subsample", "colsample_bytree",
                     "lambda", "alpha", "max_bin", "early_stopping_rounds"]
        for (key, value) in values(.xgboost) {
            switch key {
            case "num_boost_round": h.maxRounds = Int(value)
            case "eta": h.learningRate = value
            case "max_depth": h.maxDepth = Int(value)
            case "min_child_weight": h.minChildWeight = value
            case "subsample": h.subsample = value
            case "colsample_bytree": h.columnSampleByTree = value
            case "lambda": h.lambda = value
            case "alpha": h.alpha = value
            case "max_bin": h.maxBin = Int(value)
            case "early_stopping_rounds": h.earlyStoppingRounds = Int(value)
            default: throw unknown(.xgboost, key, known)
            }
        }
        return h
    }

    public func mlp() throws -> MLPHyperparameters {
        var h = MLPHyperparameters()
        h.seed = UInt64(max(0, settings.seed))
        var units = h.hiddenLayers.first ?? 64
        var layers = h.hiddenLayers.count
        let known = ["hidden_units", "hidden_layers", "epochs", "batch_size", "learning_rate", "weight_decay", "patience"]
        for (key, value) in values(.mlp) {
            switch key {
            case "hidden_units": units = Int(value)
            case "hidden_layers": layers = Int(value)
            case "epochs": h.maxEpochs = Int(value)
            case "batch_size": h.batchSize = Int(value)
            case "learning_rate": h.learningRate = value
            case "weight_decay": h.weightDecay = value
            case "patience": h.patience = Int(value)
            default: throw unknown(.mlp, key, known)
            }
        }
        // Each further layer halves the width: 64, 32, 16…
        h.hiddenLayers = (0..<max(layers, 0)).map { max(4, units >> $0) }
        try h.validate()
        return h
    }
}
