import DartCore

/// Column order of the feature matrix, grouped by what each block depends on so a block is
/// computed once and copied: target hour (shared by all points), point, point × issue,
/// point × target, point × anchor day. The optional groups (`FeatureGroup`) follow the base
/// columns in `FeatureGroup.allCases` order, so switching one off leaves every other column
/// where it was.
struct FeatureLayout {
    static let horizonNames = ["horizon_hours", "target_days_after_last_full_day"]
    static let pointNames = ["point_index", "point_kind"]
    static let damTargetNames = ["dam_target_published", "dam_target_minus_rt_mean_6h", "dam_target_minus_rt_last_known"]

    let names: [String]
    let calendar = 0
    let horizon: Int
    let exogenous: Int
    /// Columns `0..<targetWidth` depend only on (issue, target hour).
    let targetWidth: Int
    let point: Int
    let recent: Int
    let sameHourLags: Int
    let rollingSameHE: Int
    let rollingDay: Int
    let damTarget: Int
    /// Columns `0..<baseWidth` are built whatever the groups; the optional groups follow.
    let baseWidth: Int
    /// First column of each optional group, nil when it is switched off.
    let rtIntervals: Int?
    let system: Int?
    let scarcity: Int?
    let load: Int?
    let regime: Int?

    var width: Int { names.count }

    /// The group of every column, in matrix order: `calendar`, `horizon`, `exogenous` (wind,
    /// solar and load forecasts, lagged actual load), `point`, `recent_rt`, `same_hour_lags`,
    /// `rolling`, `dam_target`, then the optional groups' raw values (`load`, `rt_intervals`, …).
    var columnGroups: [String] {
        var starts: [(Int, String)] = [(calendar, "calendar"), (horizon, "horizon"), (exogenous, "exogenous"), (point, "point"),
                                       (recent, "recent_rt"), (sameHourLags, "same_hour_lags"), (rollingSameHE, "rolling"),
                                       (damTarget, "dam_target")]
        let optional: [(Int?, FeatureGroup)] = [(rtIntervals, .rtIntervals), (system, .system), (scarcity, .scarcity), (load, .load),
                                                (regime, .regime)]
        for case let (start?, group) in optional { starts.append((start, group.rawValue)) }
        starts.sort { $0.0 < $1.0 }
        var labels = [String](repeating: "", count: width)
        for (index, (start, label)) in starts.enumerated() {
            let end = index + 1 < starts.count ? starts[index + 1].0 : width
            for column in start..<end { labels[column] = label }
        }
        return labels
    }

    /// - Parameters:
    ///   - exogenousForecastNames: configured forecast series; the lagged-load column follows them.
    ///   - groups: the optional groups switched on.
    init(exogenousForecastNames: [String], groups: Set<FeatureGroup>) {
        var names: [String] = []
        /// Appends a block of columns and returns the index of its first column.
        func block(_ columns: [String]) -> Int {
            defer { names += columns }
            return names.count
        }
        func optional(_ group: FeatureGroup, _ columns: [String]) -> Int? {
            groups.contains(group) ? block(columns) : nil
        }
        _ = block(CalendarFeatures.names)
        horizon = block(Self.horizonNames)
        exogenous = block(exogenousForecastNames + [ExogenousFeatures.loadActualName])
        targetWidth = names.count
        point = block(Self.pointNames)
        recent = block(RecentRealTime.names)
        sameHourLags = block(SameHourLags.names)
        rollingSameHE = block(RollingWindows.sameHENames)
        rollingDay = block(RollingWindows.dayNames)
        damTarget = block(Self.damTargetNames)
        baseWidth = names.count
        // In `FeatureGroup.allCases` order.
        rtIntervals = optional(.rtIntervals, RTIntervalFeatures.names)
        system = optional(.system, SystemFeatures.names)
        scarcity = optional(.scarcity, ScarcityFeatures.names)
        load = optional(.load, LoadFeatures.names)
        regime = optional(.regime, RegimeFeatures.names)
        self.names = names
    }
}
