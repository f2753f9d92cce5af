import DartCore

/// NERC off-peak holidays, computed from rules for any year.
///
/// The six days: New Year's Day (Jan 1), Memorial Day (last Monday of May), Independence Day
/// (Jul 4), Labor Day (first Monday of September), Thanksgiving (fourth Thursday of November),
/// Christmas Day (Dec 25). A fixed-date holiday on a Sunday is observed on the following Monday
/// (the Sunday itself is not flagged; it is a weekend day anyway); one on a Saturday stays on
/// the Saturday and the Friday before is an ordinary day.
public enum NERCHolidays {
    /// Whether `day` is an (observed) NERC holiday.
    public static func isHoliday(_ day: OperatingDay) -> Bool {
        let (year, month, dayOfMonth) = day.civil
        switch month {
        case 1: return day == observed(year: year, month: 1, day: 1)
        case 5: return day == lastWeekday(1, month: 5, year: year)
        case 7: return day == observed(year: year, month: 7, day: 4)
        case 9: return day == nthWeekday(1, n: 1, month: 9, year: year)
        case 11: return day == nthWeekday(4, n: 4, month: 11, year: year)
        case 12: return dayOfMonth >= 25 && day == observed(year: year, month: 12, day: 25)
        default: return false
        }
    }

    /// The observed holidays of `year`, in date order.
    public static func holidays(in year: Int) -> [OperatingDay] {
        [
            observed(year: year, month: 1, day: 1),
            lastWeekday(1, month: 5, year: year),
            observed(year: year, month: 7, day: 4),
            nthWeekday(1, n: 1, month: 9, year: year),
            nthWeekday(4, n: 4, month: 11, year: year),
            observed(year: year, month: 12, day: 25),
        ]
    }

    /// A fixed date, moved to Monday when it falls on a Sunday.
    static func observed(year: Int, month: Int, day: Int) -> OperatingDay {
        let date = OperatingDay(year: year, month: month, day: day)!  // fixed valid dates only
        return date.isoWeekday == 7 ? date.adding(days: 1) : date
    }

    /// The `n`-th ISO `weekday` (1 = Monday) of a month.
    static func nthWeekday(_ weekday: Int, n: Int, month: Int, year: Int) -> OperatingDay {
        let first = OperatingDay(year: year, month: month, day: 1)!
        let shift = (weekday - first.isoWeekday + 7) % 7
        return first.adding(days: shift + 7 * (n - 1))
    }

    /// The last ISO `weekday` of a month.
    static func lastWeekday(_ weekday: Int, month: Int, year: Int) -> OperatingDay {
        let last = OperatingDay(year: year, month: month, day: OperatingDay.daysIn(month: month, year: year))!
        let shift = (last.isoWeekday - weekday + 7) % 7
        return last.adding(days: -shift)
    }
}
