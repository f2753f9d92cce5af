/// A market-rules setting that cannot describe a real schedule (an issue hour of 25, a negative lag).
public struct MarketRulesError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable {
        case valueOutOfRange
    }

    public let code: Code
    /// The setting's name as written in configuration (`rtPublicationLagMinutes`).
    public let key: String
    /// The rejected value, as text.
    public let value: String
    /// What a valid value looks like.
    public let expected: String

    public init(_ code: Code, key: String, value: String, expected: String) {
        self.code = code
        self.key = key
        self.value = value
        self.expected = expected
    }

    public var description: String {
        "market rules setting '\(key)' = \(value) is invalid: expected \(expected)"
    }
}
