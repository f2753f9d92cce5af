/// The optional feature groups of the feature builder, by their settings name (`features.groups`).
///
/// The base columns (calendar, exogenous, recent RT, same-HE lags, rolling statistics, target
/// DAM) are always built; each group here appends its columns after them, in this order, so a
/// group can be switched off and judged by cross-validation. Shared by the settings and the
/// builder, hence here in DartCore.
public enum FeatureGroup: String, CaseIterable, Sendable, Hashable, Codable {
    /// 15-minute RT interval prices published before the issue.
    case rtIntervals = "rt_intervals"
    /// Cross-point ("system") averages of DART and recent RT, and the point's spread to them.
    case system
    /// Recent RT extremes and the target day's highest DAM price.
    case scarcity
    /// Load forecast and net load (load − wind − solar) of the target hour.
    case load
    /// Market-rule regime of the target's operating day (`MarketRegimes`).
    case regime
}
