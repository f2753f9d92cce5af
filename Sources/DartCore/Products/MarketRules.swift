/// When forecasts are issued, which hours they cover, and when each piece of market data
/// becomes known. Every as-of decision in dartcast goes through these functions.
///
/// All instants are UTC seconds; local times are in `timeZone` (Central Prevailing Time).
///
/// Known-time rules (a value may be used by a forecast issued at `t` only when its known-time
/// is ≤ `t`; exogenous postings only when posted strictly before `t`):
/// - DAM prices of operating day D: `damPublicationMinuteOfDay` local on D−1 (default 13:30).
/// - Hourly RT price: the end of the hour plus `rtPublicationLagMinutes` (default 15).
/// - 15-minute RT interval price: the end of the interval plus `rtIntervalPublicationLagMinutes`
///   (default 5).
/// - Exogenous forecast or actual: its posting time (strictly before the issue time).
public struct MarketRules: Sendable, Hashable {
    public let timeZone: MarketTimeZone
    /// Day-ahead issue time, minutes after local midnight of D−1. Default 300 (05:00).
    public let dayaheadIssueMinuteOfDay: Int
    /// Minute past each local hour at which the hourly product is issued. Default 5.
    public let hourlyIssueMinute: Int
    /// Delivery hours covered by one hourly issue. Default 24.
    public let hourlyTargetCount: Int
    /// DAM publication time, minutes after local midnight of D−1. Default 810 (13:30).
    public let damPublicationMinuteOfDay: Int
    /// Minutes after an hour ends until its RT price is known. Default 15.
    public let rtPublicationLagMinutes: Int
    /// Minutes after a 15-minute RT interval ends until its price is published. Default 5
    /// (ERCOT posts interval prices a few minutes after each interval).
    public let rtIntervalPublicationLagMinutes: Int

    /// Length of an RT settlement interval, and how many make an hour.
    public static let rtIntervalSeconds: Int64 = 15 * 60
    public static let rtIntervalsPerHour = 4

    /// ERCOT's rules with the documented defaults.
    public static let ercot = try! MarketRules()

    /// Throws when a setting is outside its valid range; the error names the setting.
    public init(timeZone: MarketTimeZone = .ercot,
                dayaheadIssueMinuteOfDay: Int = 5 * 60,
                hourlyIssueMinute: Int = 5,
                hourlyTargetCount: Int = 24,
                damPublicationMinuteOfDay: Int = 13 * 60 + 30,
                rtPublicationLagMinutes: Int = 15,
                rtIntervalPublicationLagMinutes: Int = 5) throws(MarketRulesError) {
        func check(_ value: Int, _ range: ClosedRange<Int>, _ key: String, _ meaning: String) throws(MarketRulesError) {
            guard range.contains(value) else {
                throw MarketRulesError(.valueOutOfRange, key: key, value: String(value),
                                       expected: "\(range.lowerBound)…\(range.upperBound) (\(meaning))")
            }
        }
        try check(dayaheadIssueMinuteOfDay, 0...1439, "dayaheadIssueMinuteOfDay", "minutes after local midnight")
        try check(hourlyIssueMinute, 0...59, "hourlyIssueMinute", "minute past the hour")
        try check(hourlyTargetCount, 1...168, "hourlyTargetCount", "delivery hours per issue")
        try check(damPublicationMinuteOfDay, 0...1439, "damPublicationMinuteOfDay", "minutes after local midnight of D−1")
        try check(rtPublicationLagMinutes, 0...1440, "rtPublicationLagMinutes", "minutes after the hour ends")
        try check(rtIntervalPublicationLagMinutes, 0...1440, "rtIntervalPublicationLagMinutes", "minutes after the interval ends")
        self.timeZone = timeZone
        self.dayaheadIssueMinuteOfDay = dayaheadIssueMinuteOfDay
        self.hourlyIssueMinute = hourlyIssueMinute
        self.hourlyTargetCount = hourlyTargetCount
        self.damPublicationMinuteOfDay = damPublicationMinuteOfDay
        self.rtPublicationLagMinutes = rtPublicationLagMinutes
        self.rtIntervalPublicationLagMinutes = rtIntervalPublicationLagMinutes
    }

    // MARK: Issue times and targets

    /// Issue instants of `product` whose local date lies in `firstDay…lastDay` (both included),
    /// ascending. Day-ahead: one per day; hourly: one per local hour (23, 24 or 25 per day).
    public func issueTimes(_ product: ForecastProduct, from firstDay: OperatingDay, through lastDay: OperatingDay) -> [Int64] {
        guard firstDay <= lastDay else { return [] }
        var result: [Int64] = []
        let dayCount = lastDay.daysSinceEpoch - firstDay.daysSinceEpoch + 1
        switch product {
        case .dayahead:
            result.reserveCapacity(dayCount)
            for offset in 0..<dayCount {
                result.append(timeZone.utc(localDay: firstDay.adding(days: offset), minuteOfDay: dayaheadIssueMinuteOfDay))
            }
        case .hourly:
            // Central time offsets are whole hours, so :MM UTC is :MM local.
            result.reserveCapacity(dayCount * 25)
            let start = timeZone.startOfDayUTC(firstDay)
            let end = timeZone.startOfDayUTC(lastDay.adding(days: 1))
            var hour = start
            while hour < end {
                result.append(hour + Int64(hourlyIssueMinute) * 60)
                hour += 3600
            }
        }
        return result
    }

    /// The delivery hours a forecast issued at `issueUTC` covers, in time order.
    /// - Day-ahead: every hour of operating day D = (local date of the issue) + 1; 23, 24 or 25.
    /// - Hourly: the next `hourlyTargetCount` delivery hours whose start is at or after the
    ///   issue instant (issued 10:05 → 11:00–12:00 first, i.e. HE 12).
    public func targetHours(_ product: ForecastProduct, issueUTC: Int64) -> [MarketHour] {
        switch product {
        case .dayahead:
            return timeZone.hours(of: timeZone.operatingDay(containing: issueUTC).adding(days: 1))
        case .hourly:
            let first = Self.ceilToHour(issueUTC)
            return (0..<hourlyTargetCount).map { timeZone.marketHour(containing: first + Int64($0) * 3600) }
        }
    }

    /// Hours from the issue instant to the start of the target hour (fractional; 0.9167 for
    /// the first hour of a :05 hourly issue).
    public func horizonHours(issueUTC: Int64, targetUTC: Int64) -> Double {
        Double(targetUTC - issueUTC) / 3600
    }

    // MARK: Known times

    /// When the DAM prices of `day` are published: `damPublicationMinuteOfDay` local on the day before.
    public func damKnownAt(operatingDay day: OperatingDay) -> Int64 {
        timeZone.utc(localDay: day.adding(days: -1), minuteOfDay: damPublicationMinuteOfDay)
    }

    /// When the DAM price of `hour` is published (13:30 local on the day before its operating day).
    public func damKnownAt(_ hour: MarketHour) -> Int64 { damKnownAt(operatingDay: hour.operatingDay) }

    /// When the hourly RT price of the hour starting at `hourStartUTC` is known: hour end + lag.
    public func rtKnownAt(hourStartUTC: Int64) -> Int64 {
        hourStartUTC + 3600 + Int64(rtPublicationLagMinutes) * 60
    }

    /// When the hourly RT price of `hour` is known: its end plus `rtPublicationLagMinutes`.
    public func rtKnownAt(_ hour: MarketHour) -> Int64 { rtKnownAt(hourStartUTC: hour.utcStart) }

    /// The latest operating day whose DAM prices are published at `issueUTC` (known-time ≤ issue).
    public func lastPublishedDAMDay(at issueUTC: Int64) -> OperatingDay {
        let tomorrow = timeZone.operatingDay(containing: issueUTC).adding(days: 1)
        return damKnownAt(operatingDay: tomorrow) <= issueUTC ? tomorrow : tomorrow.adding(days: -1)
    }

    /// Start (UTC) of the latest hour whose RT price is known at `issueUTC`.
    public func lastKnownRTHourStart(at issueUTC: Int64) -> Int64 {
        let latestStart = issueUTC - 3600 - Int64(rtPublicationLagMinutes) * 60
        return Self.floorToHour(latestStart)
    }

    /// When the 15-minute RT price of the interval starting at `intervalStartUTC` is published:
    /// interval end + `rtIntervalPublicationLagMinutes`.
    public func rtIntervalKnownAt(intervalStartUTC: Int64) -> Int64 {
        intervalStartUTC + Self.rtIntervalSeconds + Int64(rtIntervalPublicationLagMinutes) * 60
    }

    /// Start (UTC) of the latest 15-minute interval whose RT price is published at `issueUTC`.
    public func lastKnownRTIntervalStart(at issueUTC: Int64) -> Int64 {
        let latestStart = issueUTC - Self.rtIntervalSeconds - Int64(rtIntervalPublicationLagMinutes) * 60
        return Self.floor(latestStart, to: Self.rtIntervalSeconds)
    }

    /// The latest operating day all of whose hours have a known RT (and hence DART) at `issueUTC`.
    public func lastFullyKnownDay(at issueUTC: Int64) -> OperatingDay {
        let lastHour = lastKnownRTHourStart(at: issueUTC)
        // The day containing the hour after the last known one is incomplete, unless that hour starts it.
        let nextHour = lastHour + 3600
        let dayOfNext = timeZone.operatingDay(containing: nextHour)
        return dayOfNext.adding(days: -1)
    }

    /// The start of the hour containing `utc`.
    public static func floorToHour(_ utc: Int64) -> Int64 { floor(utc, to: 3600) }

    /// `utc` rounded down to a multiple of `step` seconds (also before 1970).
    static func floor(_ utc: Int64, to step: Int64) -> Int64 {
        let remainder = ((utc % step) + step) % step
        return utc - remainder
    }

    static func ceilToHour(_ utc: Int64) -> Int64 {
        let floor = floorToHour(utc)
        return floor == utc ? utc : floor + 3600
    }
}
