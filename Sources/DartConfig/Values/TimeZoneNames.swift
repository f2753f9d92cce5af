import Foundation

/// Reads time zone names: IANA identifiers as they are, plus the Windows names the replaced
/// system used (`Central Standard Time`), which name a DST-observing zone despite the wording.
enum TimeZoneNames {
    /// Windows zone name → IANA zone (from CLDR's windowsZones, territory 001), US zones only.
    static let windowsToIANA: [String: String] = [
        "Central Standard Time": "America/Chicago",
        "Eastern Standard Time": "America/New_York",
        "Mountain Standard Time": "America/Denver",
        "Pacific Standard Time": "America/Los_Angeles",
        "UTC": "UTC",
    ]

    enum Resolution: Equatable {
        case iana(String)
        case mappedFromWindows(String)
        case unknown
    }

    static func resolve(_ name: String) -> Resolution {
        if let mapped = windowsToIANA[name] { return name == mapped ? .iana(name) : .mappedFromWindows(mapped) }
        // Abbreviations such as "CST" are accepted by Foundation but are fixed offsets: refuse them.
        guard name.contains("/") || name == "UTC", TimeZone(identifier: name) != nil else { return .unknown }
        return .iana(name)
    }
}
