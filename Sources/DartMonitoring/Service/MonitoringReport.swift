import DartCore

/// What one monitoring pass found and did.
public struct MonitoringReport: Sendable {
    public var asOfUTC: Int64
    /// The latest operating day all of whose hours had a realized DART at the as-of time: scores end here.
    public var lastCompleteDay: OperatingDay
    /// Where forecasts were read from.
    public var forecastSource: String
    /// Daily scores recomputed by this pass (the last `lookback` days).
    public var rescoredDays: [DailyScore]
    /// Daily score rows this pass inserted or changed (0 when re-scoring the same data).
    public var changedScoreRows: Int
    /// Rolling scores for each configured window, per family line and per version.
    public var rolling: [RollingScore]
    public var drift: [FeatureDriftResult]
    public var openAlerts: [Alert]
    public var alertChanges: AlertChanges
    public var notices: AlertNotifier.Outcome
    /// Things that were skipped or failed without stopping the pass (no registry, a feature name unknown, …).
    public var problems: [String]
}
