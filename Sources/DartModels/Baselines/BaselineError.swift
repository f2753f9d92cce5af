import DartCore
import Foundation

/// Why a baseline forecaster could not fit, predict, save or load.
public struct BaselineError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable {
        /// A configured column is not in the feature matrix.
        case missingColumn
        /// The day-of-week column holds something other than 1…7.
        case invalidDayOfWeek
        /// The saved baseline file is missing, unreadable or of another family.
        case invalidArtifact
    }

    public let code: Code
    /// The column or file at fault.
    public let subject: String
    public let row: Int?
    public let message: String

    public init(_ code: Code, subject: String, row: Int? = nil, _ message: String) {
        self.code = code
        self.subject = subject
        self.row = row
        self.message = message
    }

    public var description: String { "baseline: \(message)" }

    static func missingColumn(_ column: String, family: ModelFamilyName, available: [String]) -> BaselineError {
        let shown = available.prefix(12).joined(separator: ", ") + (available.count > 12 ? ", …" : "")
        return BaselineError(.missingColumn, subject: column,
                             "\(family.rawValue) reads column '\(column)', which the feature matrix does not have (columns: \(shown)); fix the baseline's column setting or the feature list")
    }
}
