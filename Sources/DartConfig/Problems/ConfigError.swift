/// A problem in settings.json or `.env` that stops dartcast from starting: the message names
/// where (file, line, column, JSON path) and what to write instead.
///
/// Secret values never appear in `value` or `message`; only key and variable names do.
public struct ConfigError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable {
        /// The file exists but cannot be read.
        case unreadableFile
        /// The text is not valid JSON (or a `.env` line cannot be read).
        case syntax
        /// A key dartcast does not know at this place.
        case unknownKey
        /// A JSON value of the wrong type (string where a number belongs, …).
        case wrongType
        /// The type is right but the value is not allowed (bad time, cron, zone, range, choice).
        case invalidValue
        /// A secret (URL with token, password, DSN with password) written into settings.json.
        case literalSecret
        /// A legacy key and its new name are both set.
        case conflictingKeys
    }

    public let code: Code
    /// The file the problem is in (settings.json or .env).
    public let file: String
    /// Dotted JSON path as the user wrote it (`scheduling.jobs.daily_retrain.catch_up`); empty for whole-file problems.
    public let path: String
    /// 1-based line and column of the offending value, when known.
    public let line: Int?
    public let column: Int?
    /// The offending value as text, only where it cannot be a secret.
    public let value: String?
    /// What is wrong and what to do about it.
    public let message: String

    public init(_ code: Code, file: String, path: String, line: Int? = nil, column: Int? = nil,
                value: String? = nil, message: String) {
        self.code = code
        self.file = file
        self.path = path
        self.line = line
        self.column = column
        self.value = value
        self.message = message
    }

    public var description: String {
        ConfigProblemFormat.line(file: file, line: line, column: column, path: path, message: message)
    }
}

/// `file:line:column: path: message`, the shape compilers use so editors can jump to it.
enum ConfigProblemFormat {
    static func line(file: String, line: Int?, column: Int?, path: String, message: String) -> String {
        var location = file
        if let line { location += ":\(line)" }
        if let column { location += ":\(column)" }
        return path.isEmpty ? "\(location): \(message)" : "\(location): \(path): \(message)"
    }
}
