/// A source table that could not be read, with the setting or row involved and what to fix.
/// Messages never contain the DSN, its password, an API key or a token.
public struct SourceError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable {
        /// The DSN variable is unset or unusable.
        case configuration
        /// The server could not be reached or refused the login.
        case unreachable
        /// A query failed (missing table or column, wrong type).
        case query
        /// The credentials were refused (ERCOT API).
        case authentication
        /// The server kept failing or throttling past the retries (ERCOT API).
        case unavailable
    }

    public let code: Code
    /// The settings key or table involved, e.g. `sources.postgres.dam`.
    public let context: String
    public let message: String

    public init(_ code: Code, context: String, _ message: String) {
        self.code = code
        self.context = context
        self.message = message
    }

    public var description: String { "\(context): \(message)" }
}
