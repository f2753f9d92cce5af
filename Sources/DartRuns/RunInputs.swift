import DartCore

/// What a run knew at its issue time and what it could not use: per input series the newest
/// value known then (`SeriesFreshness`), the feature groups missing for some rows, and why the
/// run is `degraded` (empty when it is not).
public struct RunInputs: Codable, Hashable, Sendable {
    /// Every input series judged at the issue time, in `MarketSeries.allCases` order.
    public var series: [SeriesFreshness]
    /// One line per feature group missing for some rows, e.g.
    /// `load features missing for all 360 rows: the store has no load_forecast posted before …`.
    public var missingFeatures: [String]
    /// Why the run is degraded: stale series (`rt_hourly: newest …, 27 h overdue (limit 3 h)`),
    /// `--allow-stale` refusals overridden, families configured but not published.
    public var degradedBecause: [String]

    public init(series: [SeriesFreshness] = [], missingFeatures: [String] = [], degradedBecause: [String] = []) {
        self.series = series
        self.missingFeatures = missingFeatures
        self.degradedBecause = degradedBecause
    }
}
