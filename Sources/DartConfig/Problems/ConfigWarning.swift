/// Something in the settings that dartcast accepted but the user should change.
public struct ConfigWarning: Hashable, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable {
        /// A key of the replaced Python system's settings.json, read under its new name.
        case legacyKeyMapped
        /// A key of the replaced system that dartcast does not need; it is not read.
        case legacyKeyIgnored
        /// A legacy value (Windows zone name, `neural_network`) read as its new spelling.
        case legacyValueMapped
        /// No settings file: every setting has its default.
        case fileMissing
        /// An enabled feature needs a secret whose environment variable is not set.
        case secretMissing
        /// Allowed but probably not meant (a flag that has no effect, a non-ERCOT zone).
        case suspicious
    }

    public let code: Code
    public let file: String
    public let path: String
    public let line: Int?
    public let message: String

    public init(_ code: Code, file: String, path: String, line: Int? = nil, message: String) {
        self.code = code
        self.file = file
        self.path = path
        self.line = line
        self.message = message
    }

    public var description: String {
        ConfigProblemFormat.line(file: file, line: line, column: nil, path: path, message: message)
    }
}
