import DartCore
import Foundation

/// Reads a time given on the command line: ISO 8601 with `Z` or an offset is UTC; without a
/// zone (`2025-03-01T05:00` or `2025-03-01 05:00`) it is local market time; `now` is now.
enum TimeArgument {
    static func parse(_ text: String, zone: MarketTimeZone, now: Date = Date()) throws -> Int64 {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.lowercased() == "now" { return Int64(now.timeIntervalSince1970) }
        let hasZone = trimmed.hasSuffix("Z") || trimmed.dropFirst(16).contains("+") || trimmed.dropFirst(16).contains("-")
        if hasZone, let utc = UTCFormat.parse(trimmed) { return utc }
        if !hasZone, let asIfUTC = UTCFormat.parse(trimmed) {
            // Local wall time: find the UTC instant whose local time matches (first occurrence in the repeated hour).
            for offset in [zone.offset(atUTC: asIfUTC - 43_200), zone.offset(atUTC: asIfUTC + 43_200)].sorted(by: >) {
                let utc = asIfUTC - Int64(offset)
                if zone.localSeconds(utc: utc) == asIfUTC { return utc }
            }
            throw TimeArgumentError(text: text, problem: "does not exist in \(zone.identifier) (it falls in the daylight-saving gap)")
        }
        if let day = OperatingDay(trimmed) { return zone.startOfDayUTC(day) }
        throw TimeArgumentError(text: text, problem: "is not a time; write 2025-03-01T11:00:00Z (UTC), 2025-03-01T05:00 (market local time) or now")
    }
}

struct TimeArgumentError: Error, CustomStringConvertible {
    let text: String
    let problem: String
    var description: String { "'\(text)' \(problem)" }
}
