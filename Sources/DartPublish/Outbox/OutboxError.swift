/// A publish target that cannot be built from the settings, or a delivery that cannot be retried.
public struct OutboxError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable {
        /// A setting or secret is missing or malformed; the message names the key.
        case configuration
        /// A delivery cannot be made (unknown target, missing outbox copy).
        case delivery
    }

    public let code: Code
    public let message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
