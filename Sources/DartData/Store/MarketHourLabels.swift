import DartCore
import GRDB

/// Keeps `market_hour` (ERCOT's label of each hour, stored once per hour rather than per
/// point-hour) covering the hours a write touched.
enum MarketHourLabels {
    /// Adds labels for every hour in `[fromUTC, throughUTC]` that has none.
    static func fill(db: Database, fromUTC: Int64, throughUTC: Int64, zone: MarketTimeZone) throws(MarketStoreError) {
        guard fromUTC <= throughUTC else { return }
        let existing = try SQLiteStatement(db, "SELECT utc_start FROM market_hour WHERE utc_start BETWEEN ?1 AND ?2 ORDER BY utc_start")
        existing.bind(1, fromUTC); existing.bind(2, throughUTC)
        var labelled: [Int64] = []
        while try existing.next() { labelled.append(existing.int64(0)) }
        if labelled.count == Int((throughUTC - fromUTC) / 3600) + 1 { return }  // every hour already labelled

        let insert = try BatchedInsert(db, table: "market_hour", columns: ["utc_start", "operating_day", "hour_ending", "dst_flag"])
        var cursor = 0
        var day = zone.operatingDay(containing: fromUTC)
        let lastDay = zone.operatingDay(containing: throughUTC)
        while day <= lastDay {
            let dayText = day.description
            for hour in zone.hours(of: day) where hour.utcStart >= fromUTC && hour.utcStart <= throughUTC {
                while cursor < labelled.count, labelled[cursor] < hour.utcStart { cursor += 1 }
                if cursor < labelled.count, labelled[cursor] == hour.utcStart { continue }
                insert.bind(1, hour.utcStart)
                insert.bind(2, text: dayText)
                insert.bind(3, Int64(hour.hourEnding))
                insert.bind(4, text: hour.dstFlag)
                try insert.endRow()
            }
            day = day.adding(days: 1)
        }
        try insert.flush()
    }
}
