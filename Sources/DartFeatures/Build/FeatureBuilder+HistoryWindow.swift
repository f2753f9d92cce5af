import DartCore

/// The hours of market history a set of issues can read, derived from the feature definitions.
public struct FeatureHistoryWindow: Sendable, Hashable {
    /// First hour start read (inclusive, UTC seconds).
    public var fromUTC: Int64
    /// End of the last hour read (exclusive).
    public var toUTC: Int64
}

extension FeatureBuilder {
    /// The smallest history range whose rows for `issueTimes` equal, bit for bit, the rows built
    /// from the whole store: live prediction loads this instead of every stored hour. Derived from
    /// every column the builder computes, so excluded columns can only make it longer than needed.
    ///
    /// Per issue, the earliest hour read is the first day of the longest rolling window
    /// (`RollingWindows.maxWindow` days ending at the last fully known day), the earliest
    /// same-HE lag or `latestSearchDays` search before the first target day (prices and lagged
    /// actual load), the `recentSearchHours` (and 6-hour mean, and with `scarcity` the 7-day
    /// span) before the RT cut-off, or with `rt_intervals` the `recentSearchHours` + 1 before the
    /// interval cut-off, whichever comes first. The last hour read is the last target hour (its
    /// DAM price and exogenous forecasts), or with `scarcity` the end of its operating day
    /// (`dam_target_day_max`).
    /// - Returns: nil when there is no issue or no target hour.
    public func historyWindow(product: ForecastProduct, issueTimes: [Int64]) -> FeatureHistoryWindow? {
        let zone = rules.timeZone
        let daysBack = max(configuration.latestSearchDays, SameHourLags.lags.max()!)
        // `rt_mean_last_6h` reads the 6 hours before the RT cut-off; scarcity up to 7 days.
        let scarcity = configuration.groups.contains(.scarcity)
        let recentHours = Int64(max(configuration.recentSearchHours, 6, scarcity ? ScarcityFeatures.longestSpan : 0))
        // The interval search, and the trend's interval an hour before the latest.
        let intervalHours = configuration.groups.contains(.rtIntervals) ? Int64(configuration.recentSearchHours + 1) : 0
        var window: FeatureHistoryWindow?
        for issue in issueTimes {
            let targets = rules.targetHours(product, issueUTC: issue)
            guard let firstDay = targets.map(\.operatingDay).min(), let lastTarget = targets.map(\.utcStart).max(),
                  let lastDay = targets.map(\.operatingDay).max() else { continue }
            let rollingStart = zone.startOfDayUTC(rules.lastFullyKnownDay(at: issue).adding(days: -(RollingWindows.maxWindow - 1)))
            let lagStart = zone.startOfDayUTC(firstDay.adding(days: -daysBack))
            let recentStart = rules.lastKnownRTHourStart(at: issue) + 3600 - recentHours * 3600
            let intervalEnd = rules.lastKnownRTIntervalStart(at: issue) + MarketRules.rtIntervalSeconds
            let intervalStart = MarketRules.floorToHour(intervalEnd - intervalHours * 3600)
            let from = min(rollingStart, lagStart, recentStart, intervalStart)
            let to = scarcity ? zone.startOfDayUTC(lastDay.adding(days: 1)) : lastTarget + 3600
            window = FeatureHistoryWindow(fromUTC: min(window?.fromUTC ?? from, from), toUTC: max(window?.toUTC ?? to, to))
        }
        return window
    }
}
