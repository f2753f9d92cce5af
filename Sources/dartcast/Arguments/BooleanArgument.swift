import Foundation

/// A boolean option value written by a scheduler rather than a person. Azure ML renders a
/// pipeline-level boolean input as `True`/`False`, shells and Kubernetes often pass `1`/`0`,
/// so any case of true/false and 1/0 is accepted; anything else is an error, never "false".
enum BooleanArgument {
    /// Accepted spellings, lowercased.
    static let trueValues: Set<String> = ["true", "1"]
    static let falseValues: Set<String> = ["false", "0"]

    /// Parses `text` case-insensitively; use as `@Option(transform: BooleanArgument.parse)`.
    static func parse(_ text: String) throws -> Bool {
        let normalized = text.trimmingCharacters(in: .whitespaces).lowercased()
        if trueValues.contains(normalized) { return true }
        if falseValues.contains(normalized) { return false }
        throw BooleanArgumentError(.notABoolean, value: text)
    }
}

struct BooleanArgumentError: Error, Hashable, Sendable, CustomStringConvertible {
    enum Code: String, Hashable, Sendable { case notABoolean }
    let code: Code
    /// The value as given on the command line.
    let value: String

    init(_ code: Code, value: String) {
        self.code = code
        self.value = value
    }

    var description: String {
        "'\(value)' is not a boolean; write true or false (any case, e.g. True/False as Azure ML passes them) or 1 or 0"
    }
}
