import DartCore

/// One slot as people read it: UTC instant, local wall-clock time with its UTC offset, and
/// whether it is the second copy of a repeated local time.
public struct SlotDescription: Hashable, Sendable, CustomStringConvertible {
    public let utc: Int64
    /// `2025-11-02T07:05:00Z`.
    public let utcText: String
    /// `2025-11-02 01:05 -05:00`: local date and time with the offset in force (CDT is -05:00, CST -06:00).
    public let localText: String
    /// Offset from UTC in seconds at this instant.
    public let utcOffsetSeconds: Int
    /// True for the second (standard-time) occurrence of a local time on the fall-back day.
    public let isRepeatedLocalTime: Bool

    public init(utc: Int64, zone: MarketTimeZone) {
        self.utc = utc
        utcText = UTCFormat.iso8601(utc)
        let offset = zone.offset(atUTC: utc)
        utcOffsetSeconds = offset
        let local = zone.localSeconds(utc: utc)
        let day = OperatingDay(daysSinceEpoch: Int(local.floorDivided(by: 86_400)))
        let secondOfDay = Int(local - Int64(day.daysSinceEpoch) * 86_400)
        localText = "\(day) \(Self.two(secondOfDay / 3600)):\(Self.two(secondOfDay / 60 % 60)) \(Self.offsetText(offset))"
        if case .repeated(_, let second) = zone.resolve(localSeconds: local) { isRepeatedLocalTime = second == utc } else {
            isRepeatedLocalTime = false
        }
    }

    /// `2025-11-02 01:05 -05:00 (2025-11-02T06:05:00Z)`.
    public var description: String { "\(localText) (\(utcText))" }

    private static func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

    private static func offsetText(_ seconds: Int) -> String {
        let sign = seconds < 0 ? "-" : "+"
        let magnitude = abs(seconds)
        return "\(sign)\(two(magnitude / 3600)):\(two(magnitude / 60 % 60))"
    }
}

extension ScheduleSlots {
    /// The next `count` slots strictly after `utc`, described for `schedule next`.
    public func describeNext(after utc: Int64, count: Int) -> [SlotDescription] {
        nextSlots(after: utc, count: count).map { SlotDescription(utc: $0, zone: zone) }
    }
}

extension Int64 {
    func floorDivided(by divisor: Int64) -> Int64 {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}
