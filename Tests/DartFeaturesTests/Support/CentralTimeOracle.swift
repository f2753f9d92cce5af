import DartCore
import Foundation

/// Known-time rules recomputed with Foundation's calendar, independently of `MarketRules`, so
/// the leakage tests do not trust the code they test.
struct CentralTimeOracle {
    let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "America/Chicago")!
        return calendar
    }()

    /// UTC seconds of a local wall-clock time.
    func utc(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int = 0) -> Int64 {
        let date = calendar.date(from: DateComponents(year: year, month: month, day: day, hour: hour, minute: minute))!
        return Int64(date.timeIntervalSince1970)
    }

    /// Local calendar date of an instant.
    func localDate(_ utc: Int64) -> (year: Int, month: Int, day: Int) {
        let parts = calendar.dateComponents([.year, .month, .day], from: Date(timeIntervalSince1970: TimeInterval(utc)))
        return (parts.year!, parts.month!, parts.day!)
    }

    /// DAM of the hour starting at `utc` is published 13:30 local on the day before its operating day.
    func damKnownAt(hourStart utc: Int64) -> Int64 {
        let (y, m, d) = localDate(utc)
        let dayBefore = calendar.date(byAdding: .day, value: -1,
                                      to: calendar.date(from: DateComponents(year: y, month: m, day: d, hour: 12))!)!
        let parts = calendar.dateComponents([.year, .month, .day], from: dayBefore)
        return self.utc(parts.year!, parts.month!, parts.day!, 13, 30)
    }

    /// RT of the hour starting at `utc` is known 15 minutes after the hour ends.
    func rtKnownAt(hourStart utc: Int64) -> Int64 { utc + 3600 + 15 * 60 }

    /// A 15-minute RT interval starting at `utc` is published 5 minutes after it ends.
    func rtIntervalKnownAt(intervalStart utc: Int64) -> Int64 { utc + 15 * 60 + 5 * 60 }
}
