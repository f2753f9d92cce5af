import DartCore
import DartFeatures
import Foundation

/// Training rows: features plus the DART target ($/MWh), aligned by row.
public struct Dataset: Sendable {
    public var features: FeatureMatrix
    public var target: [Float]
    /// Optional per-row sample weights (recency weighting); nil means every row counts once.
    public var weights: [Float]?

    public init(features: FeatureMatrix, target: [Float], weights: [Float]? = nil) {
        precondition(features.rowCount == target.count, "one target per feature row")
        precondition(weights == nil || weights!.count == target.count, "one weight per feature row")
        self.features = features
        self.target = target
        self.weights = weights
    }
}

/// Point forecast (the median, P50) and, where the model gives them, P10 and P90.
public struct QuantileForecast: Sendable {
    public var p50: [Float]
    public var p10: [Float]?
    public var p90: [Float]?

    public init(p50: [Float], p10: [Float]? = nil, p90: [Float]? = nil) {
        self.p50 = p50
        self.p10 = p10
        self.p90 = p90
    }
}

/// A model that learns DART from features. Implementations are classes because several own
/// native handles; they are used from one task at a time.
public protocol Forecaster: AnyObject {
    var family: ModelFamilyName { get }
    /// Feature names in training order; empty before `fit`.
    var featureNames: [String] { get }
    /// Trains on `train`; `validation` (later in time than `train`) drives early stopping.
    func fit(train: Dataset, validation: Dataset?) throws
    /// Predicts one row per feature row. Throws when the columns differ from training.
    func predict(_ features: FeatureMatrix) throws -> QuantileForecast
    /// Writes the model's artifact(s) into `directory` and returns their paths.
    func save(to directory: URL) throws -> [URL]
}
