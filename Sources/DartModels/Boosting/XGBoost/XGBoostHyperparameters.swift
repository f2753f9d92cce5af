/// XGBoost settings. Defaults favour speed (`hist`, 64 bins, row/column sampling, at most 300
/// rounds of 0.1, one thread) and robustness to price spikes (absolute error).
public struct XGBoostHyperparameters: Sendable, Hashable, Codable {
    /// Loss of the point model.
    public enum Objective: Sendable, Hashable, Codable {
        /// `reg:absoluteerror`: the conditional median. Default.
        case absoluteError
        /// `reg:pseudohubererror` with `huber_slope` = `slope` ($/MWh).
        case pseudoHuber(slope: Double)
    }

    /// Which booster supplies P50.
    public enum MedianSource: String, Sendable, Hashable, Codable {
        /// The point model (`objective`), with its own early stopping on MAE. Default: it is the
        /// objective the caller chose, and matches LightGBM where P50 is the main model. The
        /// quantile booster then fits only alphas 0.1 and 0.9.
        case pointModel
        /// The 0.5 column of a quantile booster with alphas 0.1/0.5/0.9; no point booster is
        /// trained, so `objective` is unused.
        case quantileModel
    }

    /// Point-model loss. Default `.absoluteError`.
    public var objective: Objective = .absoluteError
    /// Default `.pointModel`.
    public var medianSource: MedianSource = .pointModel
    /// Train the multi-quantile booster (`reg:quantileerror`) for P10/P90. Default true.
    public var trainIntervals = true
    /// Maximum tree depth (`max_depth`). Default 6.
    public var maxDepth = 6
    /// Shrinkage per round (`eta`). Default 0.1.
    public var learningRate = 0.1
    /// Maximum boosting rounds; early stopping usually ends sooner. Default 300.
    public var maxRounds = 300
    /// Stop after this many rounds without a better validation score. Default 30.
    public var earlyStoppingRounds = 30
    /// Minimum hessian sum per child (`min_child_weight`); about rows per leaf for these losses. Default 20.
    public var minChildWeight = 20.0
    /// Row sampling per tree (`subsample`). Default 0.7.
    public var subsample = 0.7
    /// Feature sampling per tree (`colsample_bytree`). Default 0.7.
    public var columnSampleByTree = 0.7
    /// L2 penalty on leaf weights (`lambda`). Default 1.
    public var lambda = 1.0
    /// L1 penalty on leaf weights (`alpha`). Default 0.
    public var alpha = 0.0
    /// Histogram bins per feature (`max_bin`). Default 64.
    public var maxBin = 64
    /// Random seed (`seed`). Default 42.
    public var seed = 42
    /// OpenMP threads (`nthread`). Default 1.
    public var numThreads = 1
    /// Extra parameters set with `XGBoosterSetParam` after the settings above (they win).
    /// An escape hatch for experiments; invalid values surface XGBoost's own error.
    public var rawParameters: [String: String] = [:]
    /// Rounds per booster (`p50`, `quantiles`) chosen by cross-validation; they replace `maxRounds`.
    public var roundsByOutput: [String: Int]?

    /// The round budget of one booster.
    public func rounds(for output: String) -> Int { roundsByOutput?[output] ?? maxRounds }

    public init() {}
}
