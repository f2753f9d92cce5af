import DartCore

/// Maps (operating day, hour ending) to the UTC start of that hour for a range of days,
/// precomputed once so per-row lookups are array reads, not calendar calls.
///
/// "Same HE" on another day means the first copy of that HE (fall-back HE 2 repeated maps to
/// the ordinary HE 2 of other days); an HE a day lacks (HE 3 on spring-forward days) is nil.
struct DayHourTable {
    let firstDay: Int
    /// UTC start of each day from `firstDay`, one extra entry for the end of the last day.
    private let dayStarts: [Int64]
    /// `offsets[d * 25 + he]`: hours from the day's start to the first copy of `he`, or -1.
    private let offsets: [Int8]

    init(timeZone: MarketTimeZone, firstDay: OperatingDay, lastDay: OperatingDay) {
        self.firstDay = firstDay.daysSinceEpoch
        let dayCount = max(0, lastDay.daysSinceEpoch - firstDay.daysSinceEpoch + 1)
        var starts = [Int64](repeating: 0, count: dayCount + 1)
        var table = [Int8](repeating: -1, count: dayCount * 25)
        for d in 0...dayCount {
            starts[d] = timeZone.startOfDayUTC(firstDay.adding(days: d))
        }
        for d in 0..<dayCount {
            for (position, hour) in timeZone.hours(of: firstDay.adding(days: d)).enumerated() where !hour.isRepeatedHour {
                table[d * 25 + hour.hourEnding] = Int8(position)
            }
        }
        dayStarts = starts
        offsets = table
    }

    @inline(__always) func contains(day: Int) -> Bool {
        day >= firstDay && day - firstDay < dayStarts.count - 1
    }

    /// UTC start of `day` (days since epoch), or nil outside the table.
    @inline(__always) func dayStart(_ day: Int) -> Int64? {
        contains(day: day) ? dayStarts[day - firstDay] : nil
    }

    /// UTC end (start of the next day) of `day`, or nil outside the table.
    @inline(__always) func dayEnd(_ day: Int) -> Int64? {
        contains(day: day) ? dayStarts[day - firstDay + 1] : nil
    }

    /// UTC start of the first copy of `hourEnding` on `day`, or nil when the day lacks it or is
    /// outside the table.
    @inline(__always) func hourStart(day: Int, hourEnding: Int) -> Int64? {
        guard contains(day: day), (1...24).contains(hourEnding) else { return nil }
        let offset = offsets[(day - firstDay) * 25 + hourEnding]
        return offset < 0 ? nil : dayStarts[day - firstDay] + Int64(offset) * 3600
    }
}
