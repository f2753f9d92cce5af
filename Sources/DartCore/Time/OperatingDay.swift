/// An ERCOT operating day: a local (America/Chicago) calendar date.
///
/// Stored as days since 1970-01-01 in the proleptic Gregorian calendar, so arithmetic and
/// comparison are integer operations.
public struct OperatingDay: Hashable, Comparable, Sendable, CustomStringConvertible, Codable {
    /// Days since 1970-01-01.
    public let daysSinceEpoch: Int

    public init(daysSinceEpoch: Int) { self.daysSinceEpoch = daysSinceEpoch }

    /// A day from its civil date. Fails when the date does not exist (2025-02-30).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= OperatingDay.daysIn(month: month, year: year) else {
            return nil
        }
        daysSinceEpoch = OperatingDay.days(fromCivil: year, month, day)
    }

    /// Parses `YYYY-MM-DD`, `MM/DD/YYYY` or `YYYYMMDD`.
    public init?(_ text: some StringProtocol) {
        let bytes = Array(text.utf8)
        func num(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                let byte = bytes[index]
                guard byte >= 48, byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        let parts: (Int?, Int?, Int?)
        if bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") {
            parts = (num(0..<4), num(5..<7), num(8..<10))
        } else if bytes.count == 10, bytes[2] == UInt8(ascii: "/"), bytes[5] == UInt8(ascii: "/") {
            parts = (num(6..<10), num(0..<2), num(3..<5))
        } else if bytes.count == 8 {
            parts = (num(0..<4), num(4..<6), num(6..<8))
        } else {
            return nil
        }
        guard let year = parts.0, let month = parts.1, let day = parts.2 else { return nil }
        self.init(year: year, month: month, day: day)
    }

    public var civil: (year: Int, month: Int, day: Int) { OperatingDay.civil(fromDays: daysSinceEpoch) }
    public var year: Int { civil.year }
    public var month: Int { civil.month }
    public var day: Int { civil.day }

    /// ISO weekday: 1 = Monday … 7 = Sunday.
    public var isoWeekday: Int {
        let weekday = (daysSinceEpoch + 3) % 7  // 1970-01-01 was a Thursday (ISO 4 → index 3)
        return (weekday < 0 ? weekday + 7 : weekday) + 1
    }

    public func adding(days: Int) -> OperatingDay { OperatingDay(daysSinceEpoch: daysSinceEpoch + days) }

    /// `YYYY-MM-DD`.
    public var description: String {
        let (y, m, d) = civil
        return "\(Self.pad(y, 4))-\(Self.pad(m, 2))-\(Self.pad(d, 2))"
    }

    public static func < (lhs: OperatingDay, rhs: OperatingDay) -> Bool { lhs.daysSinceEpoch < rhs.daysSinceEpoch }

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let day = OperatingDay(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                debugDescription: "'\(text)' is not a date; write YYYY-MM-DD"))
        }
        self = day
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }

    public static func isLeap(_ year: Int) -> Bool { (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    // Howard Hinnant's days_from_civil / civil_from_days.
    static func days(fromCivil year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civil(fromDays days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
