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

    /// Tuned for speed on 2 cores (a 6-refit day-ahead backtest of 15 points in about two minutes)
    /// with spike-robust losses; see docs/models.md.
    public static let defaultHyperparameters: [Family: [String: Double]] = [
        .lightgbm: ["num_iterations": 250, "learning_rate": 0.1, "num_leaves": 31, "min_data_in_leaf": 100,
                    "feature_fraction": 0.6, "bagging_fraction": 0.6, "bagging_freq": 1, "lambda_l2": 1, "max_bin": 31,
                    "early_stopping_rounds": 20],
        .xgboost: ["num_boost_round": 250, "eta": 0.1, "max_depth": 5, "min_child_weight": 20,
                   "subsample": 0.6, "colsample_bytree": 0.6, "lambda": 1, "max_bin": 32, "early_stopping_rounds": 20],
        .mlp: ["hidden_units": 64, "hidden_layers": 2, "epochs": 60, "batch_size": 512,
               "learning_rate": 0.001, "weight_decay": 0.00001, "patience": 6],
    ]
}
