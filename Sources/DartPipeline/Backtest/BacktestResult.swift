import DartCore
import DartModels

/// What `backtest.json` holds: the setup, each refit, and every model's scores.
public struct BacktestResult: Codable, Sendable {
    public struct Period: Codable, Sendable {
        public var from: String
        public var to: String
        public var cutoffUTC: String
        public var trainRows: Int
        public var validationRows: Int
        public var testRows: Int
        public var fitSeconds: [String: Double]
        public var failures: [String: String]
        public var ensembleWeights: [String: Double]
        /// Conformal widening of each model's P10–P90 band ($/MWh).
        public var intervalAdjustments: [String: Double]
        /// Folds, chosen rounds and fold scores of this refit (nil when it used one validation slice).
        public var crossValidation: CrossValidationSummary?
    }

    public struct ModelScore: Codable, Sendable {
        public enum Kind: String, Codable, Sendable { case trained, ensemble, baseline }
        public var name: String
        public var kind: Kind
        public var report: MetricsReport
    }

    public struct Timings: Codable, Sendable {
        public var totalSeconds: Double
        public var featureSeconds: Double
        public var fitSeconds: Double
        public var predictSeconds: Double
        public var featureRows: Int
        public var featureRowsPerSecond: Double
    }

    public var configuration: BacktestConfiguration
    public var generatedAtUTC: String
    public var periods: [Period]
    public var models: [ModelScore]
    /// The trained model or ensemble with the lowest MAE.
    public var best: String
    public var bestBeatsZero: Bool
    public var bestBeatsEveryNaive: Bool
    public var timings: Timings
    /// Horizon, DAM-known, monthly and regime tables, trading view, Diebold–Mariano tests and
    /// calibration (see docs/backtests.md, "What the report shows").
    public var evaluation: BacktestEvaluation? = nil

    public func score(_ name: String) -> ModelScore? { models.first { $0.name == name } }
}
