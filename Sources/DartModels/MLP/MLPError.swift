/// A failure of the MLP forecaster; `description` says what to fix.
public struct MLPError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Code: String, Hashable, Sendable {
        case emptyTrainingSet
        case tooFewTrainingRows
        case nonFiniteTarget
        case invalidWeight
        case infiniteFeature
        case featureMismatch
        case notTrained
        case invalidHyperparameter
        case unreadableArtifact
        case unsupportedFormatVersion
        case truncatedArtifact
        case corruptArtifact
        case trainingDiverged
    }

    public var code: Code
    /// What went wrong and what to do about it.
    public var message: String
    /// The artifact file involved, if any.
    public var file: String?
    /// The offending row (0-based) of the dataset, if any.
    public var row: Int?
    /// The offending feature column or hyperparameter name, if any.
    public var column: String?
    /// The offending value, printed, if any.
    public var value: String?

    public init(_ code: Code, _ message: String, file: String? = nil, row: Int? = nil,
                column: String? = nil, value: String? = nil) {
        self.code = code
        self.message = message
        self.file = file
        self.row = row
        self.column = column
        self.value = value
    }

    public var description: String {
        var context: [String] = []
        if let file { context.append("file \(file)") }
        if let row { context.append("row \(row)") }
        if let column { context.append("column \(column)") }
        if let value { context.append("value \(value)") }
        let suffix = context.isEmpty ? "" : " (" + context.joined(separator: ", ") + ")"
        return "MLP \(code.rawValue): \(message)\(suffix)"
    }
}
