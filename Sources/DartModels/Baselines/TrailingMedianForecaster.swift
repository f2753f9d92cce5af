import DartFeatures
import Foundation

/// Predicts the trailing median DART the feature builder computed (e.g. the 28-day median of
/// the same hour ending), read from a configured column. NaN (no history yet) predicts 0.
public final class TrailingMedianForecaster: Forecaster {
    public let family = ModelFamily.trailingMedian
    public let column: String
    /// Rows of the last `predict` whose column was NaN and were predicted as 0.
    public private(set) var filledMissingCount = 0

    public init(column: String) { self.column = column }

    /// The one column read.
    public var featureNames: [String] { [column] }

    /// Nothing to learn; checks that the column exists so a misconfiguration fails at training.
    public func fit(train: Dataset, validation: Dataset?) throws {
        _ = try ColumnReader.index(of: column, in: train.features, family: family)
    }

    public func predict(_ features: FeatureMatrix) throws -> QuantileForecast {
        let (values, filled) = try ColumnReader.copyFillingMissing(column, of: features, family: family)
        filledMissingCount = filled
        return QuantileForecast(p50: values)
    }

    public func save(to directory: URL) throws -> [URL] {
        try BaselineArtifact(family: family, columns: ["value": column]).save(to: directory)
    }

    public static func load(from directory: URL) throws -> TrailingMedianForecaster {
        try TrailingMedianForecaster(column: BaselineArtifact.load(from: directory, expected: .trailingMedian).column("value"))
    }
}
