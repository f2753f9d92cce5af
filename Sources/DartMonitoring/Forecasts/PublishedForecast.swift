import DartCore

/// One published forecast as monitoring reads it back: which model said what about which hour.
public struct PublishedForecast: Hashable, Sendable {
    public var issueUTC: Int64
    public var targetUTC: Int64
    public var point: String
    public var product: String
    public var family: String
    public var version: String
    public var p50: Double
    public var p10: Double?
    public var p90: Double?

    public init(issueUTC: Int64, targetUTC: Int64, point: String, product: String, family: String, version: String,
                p50: Double, p10: Double? = nil, p90: Double? = nil) {
        self.issueUTC = issueUTC
        self.targetUTC = targetUTC
        self.point = point
        self.product = product
        self.family = family
        self.version = version
        self.p50 = p50
        self.p10 = p10
        self.p90 = p90
    }

    public init(_ row: ForecastRow) {
        self.init(issueUTC: row.issueTimeUTC.utc, targetUTC: row.targetHourUTC, point: row.settlementPoint, product: row.product,
                  family: row.modelFamily, version: row.modelVersion, p50: row.p50 ?? row.prediction, p10: row.p10, p90: row.p90)
    }

    /// The table's natural key: a re-published forecast replaces, never duplicates.
    var key: String { "\(issueUTC)|\(targetUTC)|\(point)|\(family)|\(version)" }

    /// By target hour, point, family, version, issue: the order every history returns.
    static func inKeyOrder(_ forecasts: some Sequence<PublishedForecast>) -> [PublishedForecast] {
        forecasts.sorted { ($0.targetUTC, $0.point, $0.family, $0.version, $0.issueUTC) < ($1.targetUTC, $1.point, $1.family, $1.version, $1.issueUTC) }
    }
}

/// Where published forecasts are read back from.
public protocol ForecastHistory: Sendable {
    /// For reports and errors; never contains credentials.
    var displayName: String { get }
    /// Forecasts for target hours in `[targetFromUTC, targetToUTC)` issued at or before `issuedByUTC`.
    func forecasts(targetFromUTC: Int64, targetToUTC: Int64, issuedByUTC: Int64) throws -> [PublishedForecast]
    /// The issue time of the latest forecast issued at or before `issuedByUTC`, per product.
    func latestIssues(issuedByUTC: Int64) throws -> [String: Int64]
}
