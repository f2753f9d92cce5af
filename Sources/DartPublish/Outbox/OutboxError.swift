import DartCore

/// A publish target that cannot be built from the settings, or a delivery that cannot be retried.
public typealias OutboxError = CodedError<OutboxErrorCode>

public enum OutboxErrorCode: String, Sendable {
    /// A setting or secret is missing or malformed; the message names the key.
    case configuration
    /// A delivery cannot be made (unknown target, missing outbox copy).
    case delivery
}
