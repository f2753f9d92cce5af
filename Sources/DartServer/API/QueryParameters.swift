import DartCore
import Hummingbird

/// Reads and checks query parameters; every problem is a 400 naming the parameter.
struct QueryParameters {
    let request: Request

    func string(_ name: String) -> String? {
        guard let value = request.uri.queryParameters.get(name), !value.isEmpty else { return nil }
        return value
    }

    /// A whole number in `range`, or `fallback` when absent.
    func int(_ name: String, default fallback: Int, in range: ClosedRange<Int>) throws(APIError) -> Int {
        guard let text = string(name) else { return fallback }
        guard let value = Int(text) else { throw .invalid(name, "\(name) must be a whole number, got \"\(text)\"") }
        guard range.contains(value) else {
            throw .invalid(name, "\(name) must be between \(range.lowerBound) and \(range.upperBound), got \(value)")
        }
        return value
    }

    func bool(_ name: String, default fallback: Bool) throws(APIError) -> Bool {
        guard let text = string(name)?.lowercased() else { return fallback }
        switch text {
        case "true", "1", "yes": return true
        case "false", "0", "no": return false
        default: throw .invalid(name, "\(name) must be true or false, got \"\(text)\"")
        }
    }

    /// One of `choices`, or nil when absent.
    func choice(_ name: String, _ choices: [String]) throws(APIError) -> String? {
        guard let text = string(name) else { return nil }
        guard choices.contains(text) else { throw .invalid(name, "\(name) must be one of \(choices.joined(separator: ", ")), got \"\(text)\"") }
        return text
    }

    /// An instant: ISO 8601 UTC (`2025-03-01T06:00:00Z`, or with an offset) or an operating day
    /// (`2025-03-01`, its first hour in market time).
    func time(_ name: String, zone: MarketTimeZone) throws(APIError) -> Int64? {
        guard let text = string(name) else { return nil }
        if let day = OperatingDay(text) { return zone.startOfDayUTC(day) }
        if let utc = UTCFormat.parse(text) { return utc }
        throw .invalid(name, "\(name) must be an ISO 8601 UTC time (2025-03-01T06:00:00Z) or an operating day (2025-03-01), got \"\(text)\"")
    }
}
