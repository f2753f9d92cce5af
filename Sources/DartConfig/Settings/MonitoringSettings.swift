/// Scoring of live forecasts against realized DART, and the alert thresholds.
public struct MonitoringSettings: Hashable, Sendable {
    /// Alert when the rolling MAE over `scoringWindowDays` exceeds this ($/MWh). Default 15.
    public var rollingMAEThreshold: Double
    /// Alert after this many consecutive days on which the model's MAE is worse than forecasting zero. Default 3.
    public var worseThanZeroDays: Int
    /// Alert when a feature's population stability index exceeds this. Default 0.2.
    public var psiThreshold: Double
    /// Days of scored forecasts in the rolling metrics the MAE alert uses. Default 7.
    public var scoringWindowDays: Int
    /// Rolling windows reported on the dashboard, `monitor` and `/metrics` (days). Default [7, 30].
    public var rollingWindowsDays: [Int]
    /// Feature columns checked for drift (PSI of the recent window against the training window).
    /// Default: DA price lags, recent RT, load and wind/solar forecasts.
    public var psiFeatures: [String]
    /// Days of recent issues compared with the training window. Default 7.
    public var psiRecentDays: Int
    /// Quantile bins of the training window. Default 10.
    public var psiBins: Int
    /// Minutes between passes of the monitoring service. Default 60.
    public var intervalMinutes: Int

    public init(rollingMAEThreshold: Double = 15, worseThanZeroDays: Int = 3, psiThreshold: Double = 0.2,
                scoringWindowDays: Int = 7, rollingWindowsDays: [Int] = [7, 30],
                psiFeatures: [String] = MonitoringSettings.defaultPSIFeatures, psiRecentDays: Int = 7, psiBins: Int = 10,
                intervalMinutes: Int = 60) {
        self.rollingMAEThreshold = rollingMAEThreshold
        self.worseThanZeroDays = worseThanZeroDays
        self.psiThreshold = psiThreshold
        self.scoringWindowDays = scoringWindowDays
        self.rollingWindowsDays = rollingWindowsDays
        self.psiFeatures = psiFeatures
        self.psiRecentDays = psiRecentDays
        self.psiBins = psiBins
        self.intervalMinutes = intervalMinutes
    }

    public static let defaultPSIFeatures = [
        "dam_same_he_d1", "dam_same_he_mean_7d", "dart_same_he_latest", "rt_mean_last_6h",
        "load_actual_same_he_latest", "wind_stwpf", "solar_stppf",
    ]

    public static let defaults = MonitoringSettings()
}
