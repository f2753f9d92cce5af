/// The instant a forecast is issued: features may use only what was known then, and a run,
/// its rows and its outputs are keyed by it. Carried as a type across module boundaries so an
/// issue time is never confused with a slot, a target hour or a cut-off.
public struct IssueTime: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// Seconds since 1970-01-01T00:00:00Z.
    public let utc: Int64

    public init(utc: Int64) { self.utc = utc }

    public init(from decoder: any Decoder) throws {
        utc = try decoder.singleValueContainer().decode(Int64.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(utc)
    }

    public static func < (lhs: IssueTime, rhs: IssueTime) -> Bool { lhs.utc < rhs.utc }

    /// ISO 8601 UTC, e.g. `2025-03-01T11:05:00Z`.
    public var description: String { UTCFormat.iso8601(utc) }
}

extension MarketRules {
    /// The product's latest issue time at or before `utc` (a manual trigger at 14:27 forecasts
    /// from the 14:05 hourly issue); nil when there is none in the day before.
    public func latestIssue(_ product: ForecastProduct, atOrBefore utc: Int64) -> IssueTime? {
        let day = timeZone.operatingDay(containing: utc)
        return issueTimes(product, from: day.adding(days: -1), through: day).last { $0 <= utc }.map(IssueTime.init(utc:))
    }
}
