import DartCore
import Foundation

/// RFC 7231 dates (`Sat, 02 Nov 2024 10:00:00 GMT`), as Azure's `x-ms-date` wants.
enum HTTPDate {
    private static let weekdays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]  // ISO weekday 1...7
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    static func format(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let days = Int((Double(seconds) / 86_400).rounded(.down))
        let secondOfDay = seconds - days * 86_400
        // OperatingDay is DartCore's calendar-date arithmetic; here it is simply the UTC date.
        let utcDate = OperatingDay(daysSinceEpoch: days)
        let (year, month, day) = utcDate.civil
        let time = String(format: "%02d:%02d:%02d", secondOfDay / 3600, secondOfDay / 60 % 60, secondOfDay % 60)
        return "\(weekdays[utcDate.isoWeekday - 1]), \(String(format: "%02d", day)) \(months[month - 1]) \(year) \(time) GMT"
    }
}
