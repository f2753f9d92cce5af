import DartCore

/// The per-series freshness table shared by `data status` and `runs show` (`RunRecordText`).
public enum FreshnessTable {
    public static let header = ["series", "newest value (UTC)", "newest (ERCOT)", "last posted (UTC)", "overdue", "limit", "state"]

    public static func cells(_ item: SeriesFreshness, zone: MarketTimeZone = .ercot) -> [String] {
        let label = item.newestUTC.map { utc -> String in
            let hour = zone.marketHour(containing: utc)
            var text = "\(hour.operatingDay) HE\(hour.hourEnding < 10 ? "0" : "")\(hour.hourEnding)\(hour.isRepeatedHour ? "(Y)" : "")"
            if item.series == .rtInterval { text += " +\((utc - hour.utcStart) / 60)m" }
            return text
        } ?? ""
        let state = item.state.rawValue + (item.state != .fresh && item.degrades ? " (degrades runs)" : "")
        return [item.series.rawValue, item.newestUTC.map(UTCFormat.iso8601) ?? "none", label,
                item.newestPostedUTC.map(UTCFormat.iso8601) ?? "", item.newestUTC == nil ? "" : SeriesFreshness.hours(item.lagSeconds),
                SeriesFreshness.hours(item.limitSeconds), state]
    }

    public static func render(_ series: [SeriesFreshness]) -> String {
        var table = TextTable(header: header, leftAligned: [0, 1, 2, 3, 6])
        for item in series { table.add(cells(item)) }
        return table.render()
    }
}
