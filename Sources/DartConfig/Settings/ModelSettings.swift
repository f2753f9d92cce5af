/// Which models to train and how.
public struct ModelSettings: Hashable, Sendable {
    /// Trainable families (baselines always run). Raw values match `DartModels.ModelFamily`.
    public enum Family: String, Hashable, Sendable, CaseIterable {
        case lightgbm, xgboost, mlp
    }

    public enum Objective: String, Hashable, Sendable, CaseIterable {
        /// Absolute error: fits the median, robust to price spikes.
        case l1
        /// Squared near zero, absolute beyond `huber_delta`.
        case huber
    }

    /// Default all three.
    public var families: [Family]
    /// Default `l1`.
    public var objective: Objective
    /// Huber transition point in $/MWh (used when objective is huber). Default 10.
    public var huberDelta: Double
    /// Quantiles to forecast, strictly increasing in (0, 1). Default [0.1, 0.5, 0.9].
    public var quantiles: [Double]
    /// Default 42.
    public var seed: Int
    /// Threads per model; 0 means one per core. Default 0.
    public var threads: Int
    /// Combine the families' forecasts. Default true.
    public var ensemble: Bool
    /// Days of history each training uses. Default 365.
    public var trainingWindowDays: Int
    /// Per-family numeric hyperparameters, named as the library names them. Keys given in the
    /// file replace the defaults below; others keep them.
    public var hyperparameters: [Family: [String: Double]]

    public init(families: [Family] = Family.allCases, objective: Objective = .l1, huberDelta: Double = 10,
                quantiles: [Double] = [0.1, 0.5, 0.9], seed: Int = 42, threads: Int = 0, ensemble: Bool = true,
                trainingWindowDays: Int = 365,
                hyperparameters: [Family: [String: Double]] = ModelSettings.defaultHyperparameters) {
        self.families = families
        self.objective = objective
        self.huberDelta = huberDelta
        self.quantiles = quantiles
        self.seed = seed
        self.threads = threads
        self.ensemble = ensemble
        self.trainingWindowDays = trainingWindowDays
        self.hyperparameters = hyperparameters
    }

    public static let defaults = ModelSettings()

    public static let defaultHyperparameters: [Family: [String: Double]] = [
        .lightgbm: ["num_iterations": 400, "learning_rate": 0.05, "num_leaves": 31, "min_data_in_leaf": 40,
                    "feature_fraction": 0.8, "bagging_fraction": 0.8, "bagging_freq": 1, "lambda_l2": 1],
        .xgboost: ["num_boost_round": 400, "eta": 0.05, "max_depth": 6, "min_child_weight": 5,
                   "subsample": 0.8, "colsample_bytree": 0.8, "lambda": 1],
        .mlp: ["hidden_units": 64, "hidden_layers": 2, "epochs": 40, "batch_size": 256,
               "learning_rate": 0.001, "weight_decay": 0.0001],
    ]
}
