import DartFeatures
import Foundation

/// Seasonal-naive forecast: copies a lagged DART column. `naive_d1` reads the same hour ending
/// of the latest known day (D−1, or D−2 when D−1 is not yet known at issue time); `naive_d7`
/// reads the same hour a week earlier. NaN (not known) predicts 0 and is counted.
public final class NaiveForecaster: Forecaster {
    public enum Lag: String, Sendable, Codable, CaseIterable {
        /// Same HE on D−1 or D−2, whichever is known at issue time.
        case latestKnownDay
        /// Same HE on D−7.
        case weekBefore

        public var family: ModelFamily { self == .latestKnownDay ? .naiveD1 : .naiveD7 }
    }

    public let lag: Lag
    public let column: String
    /// Rows of the last `predict` whose column was NaN and were predicted as 0.
    public private(set) var filledMissingCount = 0

    public init(lag: Lag, column: String) {
        self.lag = lag
        self.column = column
    }

    public var family: ModelFamily { lag.family }
    public var featureNames: [String] { [column] }

    /// Nothing to learn; checks that the column exists.
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

    /// Loads a saved `naive_d1` or `naive_d7` baseline.
    public static func load(from directory: URL) throws -> NaiveForecaster {
        let artifact = try BaselineArtifact.load(from: directory)
        guard let lag = Lag.allCases.first(where: { $0.family == artifact.family }) else {
            throw BaselineError(.invalidArtifact, subject: BaselineArtifact.fileName,
                                "\(directory.path) holds a \(artifact.family.rawValue) baseline, not naive_d1 or naive_d7")
        }
        return try NaiveForecaster(lag: lag, column: artifact.column("value"))
    }
}
