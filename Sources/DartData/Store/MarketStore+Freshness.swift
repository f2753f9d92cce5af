import DartCore
import GRDB

extension MarketStore {
    /// Every input series (`MarketSeries.allCases`, in that order) judged at `asOfUTC`: the newest
    /// value known then under `freshness.rules` (DAM published, RT hour or interval past its
    /// publication lag, exogenous postings strictly before the instant), over all stored points,
    /// and how long the next value is overdue. Data stored for later hours (a historical
    /// instant in a complete store) is not counted: it was not known at `asOfUTC`.
    public func freshness(at asOfUTC: Int64, rules freshness: FreshnessRules) throws -> [SeriesFreshness] {
        let rules = freshness.rules
        let damEnd = rules.timeZone.startOfDayUTC(rules.lastPublishedDAMDay(at: asOfUTC).adding(days: 1))
        let rtLast = rules.lastKnownRTHourStart(at: asOfUTC)
        let intervalLast = rules.lastKnownRTIntervalStart(at: asOfUTC)
        return try database("freshness") {
            try pool.read { db in
                let pointIDs = try Int64.fetchAll(db, sql: "SELECT id FROM settlement_point")
                func newest(_ sql: String, _ bound: Int64) throws -> Int64? {
                    try pointIDs.compactMap { try Int64.fetchOne(db, sql: sql, arguments: [$0, bound]) }.max()
                }
                let dam = try newest("""
                    SELECT utc_start FROM hourly_price WHERE point_id = ? AND utc_start < ? AND dam IS NOT NULL
                    ORDER BY utc_start DESC LIMIT 1
                    """, damEnd)
                let rt = try newest("""
                    SELECT utc_start FROM hourly_price WHERE point_id = ? AND utc_start <= ? AND rtm IS NOT NULL AND rt_intervals = 4
                    ORDER BY utc_start DESC LIMIT 1
                    """, rtLast)
                let interval = try newest("""
                    SELECT interval_start FROM rt_interval WHERE point_id = ? AND interval_start <= ?
                    ORDER BY interval_start DESC LIMIT 1
                    """, intervalLast)
                return try MarketSeries.allCases.map { series in
                    switch series {
                    case .dam: return freshness.judge(series, newestUTC: dam, at: asOfUTC)
                    case .rtHourly: return freshness.judge(series, newestUTC: rt, at: asOfUTC)
                    case .rtInterval: return freshness.judge(series, newestUTC: interval, at: asOfUTC)
                    default:
                        let row = try Row.fetchOne(db, sql: """
                            SELECT MAX(v.target_utc), MAX(v.posted_at) FROM exogenous_value v
                            JOIN exogenous_series s ON s.id = v.series_id WHERE s.name = ? AND v.posted_at < ?
                            """, arguments: [series.exogenousName, asOfUTC])
                        return freshness.judge(series, newestUTC: row?[0], newestPostedUTC: row?[1], at: asOfUTC)
                    }
                }
            }
        }
    }
}
