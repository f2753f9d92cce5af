import DartCore

/// A source table that could not be read, with the setting or row involved and what to fix.
/// Messages never contain the DSN, its password, an API key or a token.
public typealias SourceError = ContextualError<SourceErrorCode>

public enum SourceErrorCode: String, Hashable, Sendable {
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
