/// One delivery hour: its UTC start is the identity; the ERCOT label (operating day, hour ending,
/// repeated-hour flag) is carried alongside for people and reports.
///
/// Two copies of fall-back HE 2 are two distinct values with distinct UTC starts.
public struct MarketHour: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Start of the hour, seconds since 1970-01-01 UTC; a multiple of 3600.
    public let utcStart: Int64
    public let operatingDay: OperatingDay
    /// 1…24.
    public let hourEnding: Int
    /// ERCOT's DSTFlag: true only on the second (standard-time) copy of the fall-back hour.
    public let isRepeatedHour: Bool

    init(utcStart: Int64, operatingDay: OperatingDay, hourEnding: Int, isRepeatedHour: Bool) {
        self.utcStart = utcStart
        self.operatingDay = operatingDay
        self.hourEnding = hourEnding
        self.isRepeatedHour = isRepeatedHour
    }

    /// `Y` or `N`, as ERCOT writes it.
    public var dstFlag: String { isRepeatedHour ? "Y" : "N" }

    /// End of the hour, UTC seconds.
    public var utcEnd: Int64 { utcStart + 3600 }

    /// `2024-11-03 HE02 (Y) 2024-11-03T07:00:00Z`.
    public var description: String {
        "\(operatingDay) HE\(OperatingDay.pad(hourEnding, 2))\(isRepeatedHour ? " (Y)" : "") \(UTCFormat.iso8601(utcStart))"
    }

    public static func < (lhs: MarketHour, rhs: MarketHour) -> Bool { lhs.utcStart < rhs.utcStart }

    public static func == (lhs: MarketHour, rhs: MarketHour) -> Bool { lhs.utcStart == rhs.utcStart }
    public func hash(into hasher: inout Hasher) { hasher.combine(utcStart) }
}
