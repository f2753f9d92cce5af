/// A label that names no real market hour, or time text that cannot be read.
public typealias MarketTimeError = CodedError<MarketTimeErrorCode>

public enum MarketTimeErrorCode: String, Sendable, Hashable {
    case hourEndingOutOfRange
    case hourDoesNotExist
    case repeatedFlagOnOrdinaryHour
    case unreadable

}
