/// What a delivery hour's DART turned out to be at one settlement point, labelled like a forecast
/// row so the two join on (`target_hour_utc`, `settlement_point`).
public struct RealizedDART: Sendable, Hashable {
    public var targetHourUTC: Int64
    public var operatingDay: OperatingDay
    public var hourEnding: Int
    public var dstFlag: String
    public var settlementPoint: String
    public var dam: Double
    public var rtm: Double

    public init(targetHourUTC: Int64, operatingDay: OperatingDay, hourEnding: Int, dstFlag: String, settlementPoint: String,
                dam: Double, rtm: Double) {
        self.targetHourUTC = targetHourUTC
        self.operatingDay = operatingDay
        self.hourEnding = hourEnding
        self.dstFlag = dstFlag
        self.settlementPoint = settlementPoint
        self.dam = dam
        self.rtm = rtm
    }

    public var dart: Double { dam - rtm }
}
