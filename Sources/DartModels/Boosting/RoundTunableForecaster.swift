import DartFeatures
import Foundation

/// A boosted model whose number of rounds cross-validation chooses: fit with a validation set
/// records the metric after every round, and `keepRounds` cuts a fitted model back.
public protocol RoundTunableForecaster: Forecaster {
    /// Validation metric after each round, per output key, from the last fit with validation.
    var validationCurves: [String: [Double]] { get }
    /// Rounds kept per output key.
    var bestIterations: [String: Int] { get }
    /// Keeps the first `rounds[key]` rounds of each output (fewer when fewer were boosted).
    func keepRounds(_ rounds: [String: Int]) throws
    /// The forecast of the first `rounds[key]` rounds of each output, leaving the model whole.
    func predict(_ features: FeatureMatrix, rounds: [String: Int]) throws -> QuantileForecast
    /// Mean absolute error of the point output on `data` after each round (staged prediction),
    /// keyed like `validationCurves`.
    func validationCurves(on data: Dataset) throws -> [String: [Double]]
    /// Saves like `save(to:)` with every file name led by `fileNamePrefix`, so models of one
    /// family can share the registry's flat folder.
    func save(to directory: URL, fileNamePrefix: String) throws -> [URL]
}
