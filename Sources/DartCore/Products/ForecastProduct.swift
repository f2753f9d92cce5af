/// The two forecast products dartcast issues.
///
/// - `dayahead`: issued once a day at 05:00 local on D−1 (before the DAM closes) for every hour
///   of operating day D.
/// - `hourly`: issued every hour at :05 local for the next 24 delivery hours.
public enum ForecastProduct: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    case dayahead
    case hourly

    public var description: String { rawValue }
}
