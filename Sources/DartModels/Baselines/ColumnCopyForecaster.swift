import DartCore
import DartFeatures
import Foundation

/// A baseline that predicts one feature column as it is; NaN (not known at issue time) predicts
/// 0 and is counted. Which column is a setting, because the feature builder owns the names.
public final class ColumnCopyForecaster: Forecaster {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// The trailing median DART (e.g. 28-day median of the same hour ending).
        case trailingMedian
        /// Same HE on D−1, or D−2 when D−1 is not yet known at issue time.
        case naiveD1
        /// Same HE on D−7.
        case naiveD7

        public var family: ModelFamilyName {
            switch self {
            case .trailingMedian: .trailingMedian
            case .naiveD1: .naiveD1
            case .naiveD7: .naiveD7
            }
        }
    }

    public let kind: Kind
    public let column: String
    /// Rows of the last `predict` whose column was NaN and were predicted as 0.
    public private(set) var filledMissingCount = 0

    public init(_ kind: Kind, column: String) {
        self.kind = kind
        self.column = column
    }

    public var family: ModelFamilyName { kind.family }
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

    /// Loads a saved `trailing_median`, `naive_d1` or `naive_d7` baseline.
    public static func load(from directory: URL) throws -> ColumnCopyForecaster {
        let artifact = try BaselineArtifact.load(from: directory)
        guard let kind = Kind.allCases.first(where: { $0.family == artifact.family }) else {
            throw BaselineError(.invalidArtifact, subject: BaselineArtifact.fileName,
                                "\(directory.path) holds a \(artifact.family.rawValue) baseline, not trailing_median, naive_d1 or naive_d7")
        }
        return try ColumnCopyForecaster(kind, column: artifact.column("value"))
    }
}
