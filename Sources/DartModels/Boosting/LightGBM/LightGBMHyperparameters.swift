/// LightGBM settings. Defaults favour speed on ~130k rows × ~80 features with one thread
/// (64 bins, row/feature sampling, at most 300 rounds of 0.1) and robustness to price spikes (L1).
public struct LightGBMHyperparameters: Sendable, Hashable, Codable {
    /// Loss of the point (P50) model.
    public enum Objective: Sendable, Hashable, Codable {
        /// Absolute error: fits the conditional median, ignores spike magnitude. Default.
        case l1
        /// Huber loss, quadratic within `delta` $/MWh of the target and linear beyond.
        case huber(delta: Double)
        /// Fair loss, `c`·|x| − c²·ln(1 + |x|/c): near-quadratic within about `c` $/MWh, linear
        /// beyond; smooth, so no per-leaf median refresh after each tree as absolute error needs.
        case fair(c: Double)
    }

    /// Point-model loss. Default `.l1`.
    public var objective: Objective = .l1
    /// Train the P10 and P90 quantile boosters as well. Default true.
    public var trainIntervals = true
    /// Maximum leaves per tree (`num_leaves`). Default 31.
    public var numLeaves = 31
    /// Shrinkage per round (`learning_rate`). Default 0.1.
    public var learningRate = 0.1
    /// Maximum boosting rounds; early stopping usually ends sooner. Default 300.
    public var maxRounds = 300
    /// Stop after this many rounds without a better validation score. Default 30.
    public var earlyStoppingRounds = 30
    /// Minimum rows per leaf (`min_data_in_leaf`). Default 100.
    public var minDataInLeaf = 100
    /// Share of features tried per tree (`feature_fraction`). Default 0.7.
    public var featureFraction = 0.7
    /// Share of rows sampled per bagging round (`bagging_fraction`); 1 disables bagging. Default 0.7.
    public var baggingFraction = 0.7
    /// Re-sample rows every this many rounds (`bagging_freq`); 0 disables bagging. Default 1.
    public var baggingFrequency = 1
    /// L1 penalty on leaf values (`lambda_l1`). Default 0.
    public var lambdaL1 = 0.0
    /// L2 penalty on leaf values (`lambda_l2`). Default 1.
    public var lambdaL2 = 1.0
    /// Histogram bins per feature (`max_bin`); fewer is faster. Default 63.
    public var maxBin = 63
    /// Seed for bagging and feature sampling (`seed`). Default 42.
    public var seed = 42
    /// OpenMP threads (`num_threads`). Default 1: the machines are shared and tests need determinism.
    public var numThreads = 1
    /// Extra `key=value` pairs passed to LightGBM after the settings above (they win).
    /// An escape hatch for experiments; invalid values surface LightGBM's own error.
    public var rawParameters: [String: String] = [:]
    /// Rounds per output (`p50`, `p10`, `p90`) chosen by cross-validation; they replace `maxRounds`.
    public var roundsByOutput: [String: Int]?

    public init() {}

    /// The round budget of one output.
    public func rounds(for output: String) -> Int { roundsByOutput?[output] ?? maxRounds }
}
