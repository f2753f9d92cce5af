import DartCore

/// A 5-field cron line parsed into bit sets, matched against local wall-clock time.
///
/// Fields: minute (0–59), hour (0–23), day of month (1–31), month (1–12 or jan–dec), day of
/// week (0–7 or sun–sat, 0 and 7 are Sunday). Each is a comma list of `*`, `N` or `N-M`, each
/// optionally `/step`; `N/step` means `N-max/step`. As in Vixie cron, when both day of month and
/// day of week are restricted a day matches if either does.
public struct CronPattern: Hashable, Sendable {
    /// Bit `m` set when minute `m` matches.
    public let minutes: UInt64
    /// Bit `h` set when hour `h` matches.
    public let hours: UInt32
    /// Bit `d` set when day of month `d` matches.
    public let daysOfMonth: UInt32
    /// Bit `m` set when month `m` matches.
    public let months: UInt16
    /// Bit `w` set when weekday `w` matches (0 = Sunday … 6 = Saturday).
    public let daysOfWeek: UInt8
    /// The minute or hour field starts with `*`: the job repeats within the day, so DST gaps
    /// skip its times and repeated hours run them twice (Vixie cron's rule for wildcard jobs).
    public let isWallClockInterval: Bool
    let dayOfMonthRestricted: Bool
    let dayOfWeekRestricted: Bool

    /// Parses the five fields. Fails with a message naming the field when one cannot be read.
    public init(minute: String, hour: String, dayOfMonth: String, month: String, dayOfWeek: String) throws(SchedulerError) {
        minutes = try Self.bits(minute, field: "minute", range: 0...59, names: [])
        hours = UInt32(try Self.bits(hour, field: "hour", range: 0...23, names: []))
        daysOfMonth = UInt32(try Self.bits(dayOfMonth, field: "day of month", range: 1...31, names: []))
        months = UInt16(try Self.bits(month, field: "month", range: 1...12, names: Self.monthNames))
        let weekdays = try Self.bits(dayOfWeek, field: "day of week", range: 0...7, names: Self.weekdayNames)
        daysOfWeek = UInt8((weekdays | (weekdays >> 7)) & 0x7F)  // 7 is Sunday too
        isWallClockInterval = minute.hasPrefix("*") || hour.hasPrefix("*")
        dayOfMonthRestricted = !dayOfMonth.hasPrefix("*")
        dayOfWeekRestricted = !dayOfWeek.hasPrefix("*")
    }

    /// True when the pattern runs on this local calendar day (before looking at times).
    public func matches(day: OperatingDay) -> Bool {
        let (_, month, dayOfMonth) = day.civil
        guard months & (1 << UInt16(month)) != 0 else { return false }
        let monthDayMatches = daysOfMonth & (1 << UInt32(dayOfMonth)) != 0
        let weekdayMatches = daysOfWeek & (1 << UInt8(day.isoWeekday % 7)) != 0
        if dayOfMonthRestricted && dayOfWeekRestricted { return monthDayMatches || weekdayMatches }
        return monthDayMatches && weekdayMatches
    }

    /// Matching local times of one day, as minutes since local midnight, ascending.
    public func minutesOfDay(on day: OperatingDay) -> [Int] {
        guard matches(day: day) else { return [] }
        var result: [Int] = []
        for hour in 0..<24 where hours & (1 << UInt32(hour)) != 0 {
            for minute in 0..<60 where minutes & (1 << UInt64(minute)) != 0 {
                result.append(hour * 60 + minute)
            }
        }
        return result
    }

    private static let monthNames = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    private static let weekdayNames = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]

    /// One field as a bit set over `range`.
    private static func bits(_ text: String, field: String, range: ClosedRange<Int>, names: [String]) throws(SchedulerError) -> UInt64 {
        func failure(_ why: String) -> SchedulerError {
            SchedulerError(.invalidSchedule, value: text,
                           message: "cron \(field) field \"\(text)\": \(why); write *, N, N-M or a comma list of them, each optionally /step, with N in \(range.lowerBound)–\(range.upperBound)")
        }
        func value(_ token: Substring) throws(SchedulerError) -> Int {
            let lowered = token.lowercased()
            if let index = names.firstIndex(of: lowered) { return index + (range.lowerBound == 0 ? 0 : 1) }
            guard !token.isEmpty, token.allSatisfy(\.isNumber), let number = Int(token), range.contains(number) else {
                throw failure("\"\(token)\" is out of range or not a number")
            }
            return number
        }
        var set: UInt64 = 0
        for item in text.split(separator: ",", omittingEmptySubsequences: false) {
            let stepParts = item.split(separator: "/", omittingEmptySubsequences: false)
            guard (1...2).contains(stepParts.count) else { throw failure("more than one '/'") }
            var step = 1
            if stepParts.count == 2 {
                guard let parsed = Int(stepParts[1]), parsed > 0 else { throw failure("step must be a positive number") }
                step = parsed
            }
            let base = stepParts[0]
            var low = range.lowerBound, high = range.upperBound
            if base != "*" {
                let ends = base.split(separator: "-", omittingEmptySubsequences: false)
                guard (1...2).contains(ends.count) else { throw failure("\"\(base)\" is not N or N-M") }
                low = try value(ends[0])
                high = ends.count == 2 ? try value(ends[1]) : (stepParts.count == 2 ? range.upperBound : low)
                guard low <= high else { throw failure("range \(base) runs backwards") }
            }
            for number in stride(from: low, through: high, by: step) { set |= 1 << UInt64(number) }
        }
        return set
    }
}
