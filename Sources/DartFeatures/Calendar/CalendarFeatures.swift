import DartCore
import Foundation

/// Calendar features of a target hour: they depend only on the hour's label, never on data.
enum CalendarFeatures {
    static let names = [
        "hour_ending", "is_repeated_hour", "hour_ending_sin", "hour_ending_cos",
        "day_of_week", "is_weekend", "is_holiday", "month", "day_of_year_sin", "day_of_year_cos",
    ]

    /// Writes `names.count` values starting at `out`.
    static func write(_ hour: MarketHour, to out: UnsafeMutablePointer<Float>) {
        let day = hour.operatingDay
        let (year, month, _) = day.civil
        let hourAngle = 2 * Double.pi * Double(hour.hourEnding - 1) / 24
        let yearStart = OperatingDay(year: year, month: 1, day: 1)!.daysSinceEpoch
        let yearLength = OperatingDay.isLeap(year) ? 366.0 : 365.0
        let dayAngle = 2 * Double.pi * Double(day.daysSinceEpoch - yearStart) / yearLength
        let weekday = day.isoWeekday
        out[0] = Float(hour.hourEnding)
        out[1] = hour.isRepeatedHour ? 1 : 0
        out[2] = Float(sin(hourAngle))
        out[3] = Float(cos(hourAngle))
        out[4] = Float(weekday)
        out[5] = weekday >= 6 ? 1 : 0
        out[6] = NERCHolidays.isHoliday(day) ? 1 : 0
        out[7] = Float(month)
        out[8] = Float(sin(dayAngle))
        out[9] = Float(cos(dayAngle))
    }
}
