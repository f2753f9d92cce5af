/// One published forecast: a model's prediction of DART for one point and delivery hour,
/// made at one issue time. The natural key is (issue, target hour, point, family, version).
public struct ForecastRow: Hashable, Sendable, Codable {
    /// Encodes as UTC seconds, as it always has (outbox copies read back the same).
    public var issueTimeUTC: IssueTime
    public var targetHourUTC: Int64
    public var operatingDay: OperatingDay
    public var hourEnding: Int
    public var isRepeatedHour: Bool
    public var settlementPoint: String
    public var product: String
    public var modelFamily: String
    public var modelVersion: String
    /// The point forecast ($/MWh): the model's P50.
    public var prediction: Double
    public var p10: Double?
    public var p50: Double?
    public var p90: Double?
    /// How many of the row's features were missing (NaN) when it was forecast; nil when not known
    /// (rows read back from files written before the column existed).
    public var missingFeatures: Int?
    /// `production`, or `backfill` for rows `dartcast backfill` wrote (not part of the key).
    public var origin: ForecastOrigin = .production

    public init(issueTimeUTC: IssueTime, targetHourUTC: Int64, operatingDay: OperatingDay, hourEnding: Int, isRepeatedHour: Bool,
                settlementPoint: String, product: String, modelFamily: String, modelVersion: String,
                prediction: Double, p10: Double?, p50: Double?, p90: Double?, missingFeatures: Int? = nil,
                origin: ForecastOrigin = .production) {
        self.issueTimeUTC = issueTimeUTC
        self.targetHourUTC = targetHourUTC
        self.operatingDay = operatingDay
        self.hourEnding = hourEnding
        self.isRepeatedHour = isRepeatedHour
        self.settlementPoint = settlementPoint
        self.product = product
        self.modelFamily = modelFamily
        self.modelVersion = modelVersion
        self.prediction = prediction
        self.p10 = p10
        self.p50 = p50
        self.p90 = p90
        self.missingFeatures = missingFeatures
        self.origin = origin
    }

    public var dstFlag: String { isRepeatedHour ? "Y" : "N" }

    /// The natural key as one string, for de-duplication and logs.
    public var key: String { "\(issueTimeUTC.utc)|\(targetHourUTC)|\(settlementPoint)|\(modelFamily)|\(modelVersion)" }
}
