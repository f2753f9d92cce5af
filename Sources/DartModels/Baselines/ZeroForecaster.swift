import DartCore
import DartFeatures
import Foundation

/// Predicts a DART of 0 for every row: the reference every model must beat.
public final class ZeroForecaster: Forecaster {
    public let family = ModelFamilyName.zero
    /// Reads no columns.
    public let featureNames: [String] = []

    public init() {}

    /// Nothing to learn.
    public func fit(train: Dataset, validation: Dataset?) throws {}

    public func predict(_ features: FeatureMatrix) throws -> QuantileForecast {
        QuantileForecast(p50: [Float](repeating: 0, count: features.rowCount))
    }

    public func save(to directory: URL) throws -> [URL] {
        try BaselineArtifact(family: family, columns: [:]).save(to: directory)
    }

    public static func load(from directory: URL) throws -> ZeroForecaster {
        _ = try BaselineArtifact.load(from: directory, expected: .zero)
        return ZeroForecaster()
    }
}
