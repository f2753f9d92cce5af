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
    /// from the whole store: live prediction loads this instead of every stored hour.
    ///
    /// Per issue, the earliest hour read is the first day of the longest rolling window
    /// (`RollingWindows.maxWindow` days ending at the last fully known day), the earliest
    /// same-HE lag or `latestSearchDays` search before the first target day (prices and lagged
    /// actual load), or the `recentSearchHours` (and 6-hour mean) before the RT cut-off,
    /// whichever comes first. The last hour read is the last target hour (its DAM price and
    /// exogenous forecasts).
    /// - Returns: nil when there is no issue or no target hour.
    public func historyWindow(product: ForecastProduct, issueTimes: [Int64]) -> FeatureHistoryWindow? {
        let zone = rules.timeZone
        let daysBack = max(configuration.latestSearchDays, SameHourLags.lags.max()!)
        // `rt_mean_last_6h` reads the 6 hours before the RT cut-off.
        let recentHours = Int64(max(configuration.recentSearchHours, 6))
        var window: FeatureHistoryWindow?
        for issue in issueTimes {
            let targets = rules.targetHours(product, issueUTC: issue)
            guard let firstDay = targets.map(\.operatingDay).min(), let lastTarget = targets.map(\.utcStart).max() else { continue }
            let rollingStart = zone.startOfDayUTC(rules.lastFullyKnownDay(at: issue).adding(days: -(RollingWindows.maxWindow - 1)))
            let lagStart = zone.startOfDayUTC(firstDay.adding(days: -daysBack))
            let recentStart = rules.lastKnownRTHourStart(at: issue) + 3600 - recentHours * 3600
            let from = min(rollingStart, lagStart, recentStart), to = lastTarget + 3600
            window = FeatureHistoryWindow(fromUTC: min(window?.fromUTC ?? from, from), toUTC: max(window?.toUTC ?? to, to))
        }
        return window
    }
}
