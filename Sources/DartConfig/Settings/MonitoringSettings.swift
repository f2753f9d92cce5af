/// Alert thresholds for live forecasts.
public struct MonitoringSettings: Hashable, Sendable {
    /// Alert when the rolling MAE over `scoringWindowDays` exceeds this ($/MWh). Default 15.
    public var rollingMAEThreshold: Double
    /// Alert after this many consecutive days on which the model's MAE is worse than forecasting zero. Default 3.
    public var worseThanZeroDays: Int
    /// Alert when a feature's population stability index exceeds this. Default 0.2.
    public var psiThreshold: Double
    /// Days of scored forecasts in the rolling metrics. Default 7.
    public var scoringWindowDays: Int

    public init(rollingMAEThreshold: Double = 15, worseThanZeroDays: Int = 3, psiThreshold: Double = 0.2,
                scoringWindowDays: Int = 7) {
        self.rollingMAEThreshold = rollingMAEThreshold
        self.worseThanZeroDays = worseThanZeroDays
        self.psiThreshold = psiThreshold
        self.scoringWindowDays = scoringWindowDays
    }

    public static let defaults = MonitoringSettings()
}
