/// A label that names no real market hour, or time text that cannot be read.
public struct MarketTimeError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable {
        case hourEndingOutOfRange
        case hourDoesNotExist
        case repeatedFlagOnOrdinaryHour
        case unreadable
    }

    public let code: Code
    public let message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
