/// A feature request or builder setting that cannot be honoured.
public struct FeatureBuilderError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable {
        /// A request names a point index the history does not have.
        case pointIndexOutOfRange
        /// A request's target is not the start of an hour.
        case targetNotOnHour
        /// A request's target hour starts before its issue instant.
        case targetBeforeIssue
        /// A history point is missing from `Configuration.pointCategories`.
        case pointNotInCategories
        /// A configured feature series is a final (after-the-fact) series.
        case finalSeriesAsFeature
        /// A numeric setting is outside its range.
        case settingOutOfRange
        /// An excluded column is not one the builder makes.
        case unknownColumn
        /// An excluded column is one the baselines or the P10–P90 bands read, so it must stay.
        case protectedColumn
    }

    public let code: Code
    public let message: String
    /// The configuration key involved, when a setting is at fault.
    public let key: String?
    /// The request's position in the input, when a request is at fault.
    public let requestIndex: Int?

    public init(_ code: Code, _ message: String, key: String? = nil, requestIndex: Int? = nil) {
        self.code = code
        self.message = message
        self.key = key
        self.requestIndex = requestIndex
    }

    public var description: String { message }
}
