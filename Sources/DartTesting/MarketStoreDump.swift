import Foundation
import DartData
import GRDB

/// The data rows of a market store as text lines, with point and series names instead of ids
/// and without provenance (`source_id`, `ingest_file`), so two stores filled by different routes
/// (files, the ERCOT API) compare row by row.
public enum MarketStoreDump {
    /// - Parameter excludingSeries: exogenous series left out (e.g. the `*_final` columns no API report has).
    public static func lines(dataDirectory: URL, excludingSeries: (String) -> Bool = { _ in false }) throws -> [String] {
        let queue = try DatabaseQueue(path: MarketStore.databaseURL(in: dataDirectory).path)
        return try queue.read { db in
            var lines: [String] = []
            for row in try Row.fetchAll(db, sql: """
                SELECT p.name, h.utc_start, h.dam, h.rtm, h.rt_intervals FROM hourly_price h
                JOIN settlement_point p ON p.id = h.point_id ORDER BY p.name, h.utc_start
                """) {
                lines.append("hourly \(row[0] as String) \(row[1] as Int64) \(row[2] as Double?, default: "-") \(row[3] as Double?, default: "-") \(row[4] as Int)")
            }
            for row in try Row.fetchAll(db, sql: """
                SELECT p.name, r.interval_start, r.price FROM rt_interval r
                JOIN settlement_point p ON p.id = r.point_id ORDER BY p.name, r.interval_start
                """) {
                lines.append("interval \(row[0] as String) \(row[1] as Int64) \(row[2] as Double)")
            }
            for row in try Row.fetchAll(db, sql: """
                SELECT s.name, e.target_utc, e.posted_at, e.value FROM exogenous_value e
                JOIN exogenous_series s ON s.id = e.series_id ORDER BY s.name, e.target_utc, e.posted_at
                """) where !excludingSeries(row[0]) {
                lines.append("posting \(row[0] as String) \(row[1] as Int64) \(row[2] as Int64) \(row[3] as Double)")
            }
            for row in try Row.fetchAll(db, sql: "SELECT utc_start, operating_day, hour_ending, dst_flag FROM market_hour ORDER BY utc_start") {
                lines.append("label \(row[0] as Int64) \(row[1] as String) \(row[2] as Int) \(row[3] as String)")
            }
            return lines
        }
    }
}
