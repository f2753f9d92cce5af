/// Why an ensemble could not be built, fitted, used, saved or loaded.
public struct EnsembleError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable {
        case noMembers
        case duplicateMemberName
        /// A validation MAE is not a finite positive number.
        case invalidValidationMAE
        /// Inverse-MAE weighting without validation rows or MAEs to weight by.
        case missingValidation
        /// The feature matrix lacks a column a member was trained on.
        case missingFeature
        /// A member returned a different number of rows than the others.
        case rowCountMismatch
        /// The saved ensemble file is missing or malformed, or a loaded member does not match it.
        case invalidArtifact
    }

    public let code: Code
    /// The member or file at fault.
    public let subject: String
    public let message: String

    public init(_ code: Code, subject: String, _ message: String) {
        self.code = code
        self.subject = subject
        self.message = message
    }

    public var description: String { "ensemble: \(message)" }
}
