import Foundation

/// Loads whichever baseline a directory holds, by the family recorded in its file.
public enum BaselineLoader {
    /// - Throws: `BaselineError.invalidArtifact` when the directory holds no baseline.
    public static func load(from directory: URL) throws -> any Forecaster {
        switch try BaselineArtifact.load(from: directory).family {
        case .zero: return try ZeroForecaster.load(from: directory)
        case .trailingMedian, .naiveD1, .naiveD7: return try ColumnCopyForecaster.load(from: directory)
        case .naiveEPF: return try EPFNaiveForecaster.load(from: directory)
        case let other:
            throw BaselineError(.invalidArtifact, subject: BaselineArtifact.fileName,
                                "\(directory.path) records family \(other.rawValue), which is not a baseline")
        }
    }
}
