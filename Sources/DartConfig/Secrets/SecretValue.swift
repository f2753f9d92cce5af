/// A secret read from the environment. Printing, interpolating or dumping it shows `***`;
/// only `reveal()` gives the text, at the one place that sends it (an HTTP header, a DSN).
public struct SecretValue: Hashable, Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    private let storage: String

    public init(_ value: String) {
        storage = value
    }

    /// The secret text. Never log or put it in an error.
    public func reveal() -> String { storage }

    public var description: String { "***" }
    public var debugDescription: String { "SecretValue(***)" }
    public var customMirror: Mirror { Mirror(self, children: [:]) }
}
