import DartCore

/// When market information becomes known and which points to forecast. Times are ERCOT local
/// (America/Chicago) whatever `scheduling.timezone` says.
public struct MarketSettings: Hashable, Sendable {
    /// DAM prices for day D are published at this time on D−1. Default 13:30.
    public var damPublishTime: LocalTimeOfDay
    /// An hour's RT price is known this many minutes after the hour ends. Default 15.
    public var rtPublicationLagMinutes: Int
    /// A 15-minute RT interval's price is published this many minutes after the interval ends. Default 5.
    public var rtIntervalPublicationLagMinutes: Int
    /// Issue time of the day-ahead product on D−1. Default 05:00.
    public var dayaheadIssueTime: LocalTimeOfDay
    /// Minute past each hour the hourly product is issued. Default 5.
    public var hourlyIssueMinute: Int
    /// Points to forecast. Default: the 15 hubs and load zones of the bundled sample.
    public var settlementPoints: [SettlementPoint]

    public init(damPublishTime: LocalTimeOfDay = LocalTimeOfDay(hour: 13, minute: 30)!,
                rtPublicationLagMinutes: Int = 15,
                rtIntervalPublicationLagMinutes: Int = 5,
                dayaheadIssueTime: LocalTimeOfDay = LocalTimeOfDay(hour: 5, minute: 0)!,
                hourlyIssueMinute: Int = 5,
                settlementPoints: [SettlementPoint] = MarketSettings.sampleSettlementPoints) {
        self.damPublishTime = damPublishTime
        self.rtPublicationLagMinutes = rtPublicationLagMinutes
        self.rtIntervalPublicationLagMinutes = rtIntervalPublicationLagMinutes
        self.dayaheadIssueTime = dayaheadIssueTime
        self.hourlyIssueMinute = hourlyIssueMinute
        self.settlementPoints = settlementPoints
    }

    public static let defaults = MarketSettings()

    /// The 15 points of `data/sample/dart_hourly_15sp_2024-01_2025-03.csv.gz`.
    public static let sampleSettlementPoints: [SettlementPoint] = [
        "HB_BUSAVG", "HB_HOUSTON", "HB_HUBAVG", "HB_NORTH", "HB_PAN", "HB_SOUTH", "HB_WEST",
        "LZ_AEN", "LZ_CPS", "LZ_HOUSTON", "LZ_LCRA", "LZ_NORTH", "LZ_RAYBN", "LZ_SOUTH", "LZ_WEST",
    ].map { SettlementPoint($0)! }
}
