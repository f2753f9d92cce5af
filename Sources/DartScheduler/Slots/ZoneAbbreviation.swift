import DartCore
import Foundation

/// The zone abbreviation in force at an instant (`CDT`, `CST`), as people on a trading desk
/// read local times. Foundation's `TimeZone.abbreviation(for:)` prints `GMT-5` on Linux; a
/// `DateFormatter` with `zzz` prints the short name.
enum ZoneAbbreviation {
    private static let cache = FormatterCache()

    static func at(utc: Int64, zoneIdentifier: String) -> String {
        cache.abbreviation(utc: utc, zone: zoneIdentifier)
    }

    private final class FormatterCache: @unchecked Sendable {
        private let lock = NSLock()
        private var formatters: [String: DateFormatter] = [:]

        func abbreviation(utc: Int64, zone: String) -> String {
            lock.withLock {
                let formatter = formatters[zone] ?? {
                    let made = DateFormatter()
                    made.locale = Locale(identifier: "en_US")
                    made.timeZone = TimeZone(identifier: zone)
                    made.dateFormat = "zzz"
                    formatters[zone] = made
                    return made
                }()
                return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(utc)))
            }
        }
    }
}

extension SlotDescription {
    /// `2025-11-02 01:05 CDT`: local date and time with the zone abbreviation.
    public func localTextWithAbbreviation(zone: MarketTimeZone) -> String {
        String(localText.prefix(16)) + " " + ZoneAbbreviation.at(utc: utc, zoneIdentifier: zone.identifier)
    }
}
