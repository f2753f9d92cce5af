import DartCore
import Foundation
import GRDB

extension MarketStore {
    /// Settlement points with stored data, sorted by name.
    public func points() throws -> [SettlementPoint] {
        try database("points") {
            try pool.read { db in
                try String.fetchAll(db, sql: "SELECT name FROM settlement_point ORDER BY name").compactMap { SettlementPoint($0) }
            }
        }
    }

    /// The watermark: the latest hour start (UTC) with any stored price (DAM, RT or an RT
    /// interval) for `point`, or nil when none.
    public func lastHourUTC(point: SettlementPoint) throws -> Int64? {
        try database("lastHourUTC") {
            try pool.read { db in
                try Int64.fetchOne(db, sql: """
                    SELECT MAX(utc_start) FROM hourly_price
                    WHERE point_id = (SELECT id FROM settlement_point WHERE name = ?)
                      AND (dam IS NOT NULL OR rtm IS NOT NULL OR rt_intervals > 0)
                    """, arguments: [point.name])
            }
        }
    }

    /// A dense hourly snapshot for feature building.
    /// - Parameters:
    ///   - points: the points to load, in this order; nil for every stored point.
    ///   - fromUTC: first hour start (inclusive); nil for the earliest stored hour of those points.
    ///   - toUTC: end (exclusive); nil for one hour past the latest stored hour.
    /// - Returns: DAM and RT on the grid (NaN when missing; RT NaN while an hour has fewer than
    ///   four intervals), the stored 15-minute RT prices on a 15-minute grid (`rtIntervals`; a
    ///   point without any stays empty) and every exogenous series with its postings for target
    ///   hours in range.
    /// - Throws: `MarketStoreError.unknownPoint` when a requested point has no data.
    public func loadHistory(points requested: [SettlementPoint]?, fromUTC: Int64?, toUTC: Int64?) throws -> MarketHistory {
        try database("loadHistory") {
            try pool.read { db in try HistoryLoader(db: db).load(points: requested, fromUTC: fromUTC, toUTC: toUTC) }
        }
    }

    /// Row count and SHA-256 of every data table in key order (ingest log excluded): two equal
    /// digests mean identical stored data, including provenance columns.
    public func tableDigests() throws -> [TableDigest] {
        try database("tableDigests") {
            try pool.read { db in
                try StoreSchema.dataTables.map { table in try TableDigest.compute(db: db, table: table.name, key: table.key) }
            }
        }
    }
}

/// Fills `MarketHistory` from the store with columnar reads.
private struct HistoryLoader {
    let db: Database

    func load(points requested: [SettlementPoint]?, fromUTC: Int64?, toUTC: Int64?) throws -> MarketHistory {
        var idByName: [String: Int64] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT id, name FROM settlement_point") { idByName[row[1]] = row[0] }
        let points = requested ?? idByName.keys.sorted().compactMap { SettlementPoint($0) }
        var ids: [Int64] = []
        for point in points {
            guard let id = idByName[point.name] else {
                throw MarketStoreError(.unknownPoint, context: "loadHistory", problem: "no data for settlement point \(point.name)",
                    fix: "ingest prices for it first, or check the name (`dartcast data status` lists stored points)")
            }
            ids.append(id)
        }
        let idList = ids.map(String.init).joined(separator: ",")
        var start = fromUTC.map { floorToHour($0) }
        var end = toUTC
        if (start == nil || end == nil), !ids.isEmpty {
            let bounds = try Row.fetchOne(db, sql: "SELECT MIN(utc_start), MAX(utc_start) FROM hourly_price WHERE point_id IN (\(idList))")
            if start == nil { start = bounds?[0] }
            if end == nil { end = (bounds?[1] as Int64?).map { $0 + 3600 } }
        }
        let gridStart = start ?? 0
        let hourCount = max(0, Int(((end ?? gridStart) - gridStart + 3599) / 3600))
        var dam = [[Double]](repeating: [Double](repeating: .nan, count: hourCount), count: points.count)
        var rtm = dam
        let read = try SQLiteStatement(db, """
            SELECT utc_start, dam, CASE WHEN rt_intervals = 4 THEN rtm END FROM hourly_price
            WHERE point_id = ?1 AND utc_start >= ?2 AND utc_start < ?3
            """)
        for (index, id) in ids.enumerated() where hourCount > 0 {
            read.bind(1, id); read.bind(2, gridStart); read.bind(3, gridStart + Int64(hourCount) * 3600)
            while try read.next() {
                let cell = Int((read.int64(0) - gridStart) / 3600)
                dam[index][cell] = read.double(1)
                rtm[index][cell] = read.double(2)
            }
        }
        let exogenous = try loadExogenous(from: gridStart, to: gridStart + Int64(hourCount) * 3600)
        let intervals = try loadIntervals(ids: ids, from: gridStart, hourCount: hourCount)
        return MarketHistory(startUTC: gridStart, hourCount: hourCount, points: points, dam: dam, rtm: rtm, exogenous: exogenous,
                             rtIntervals: intervals)
    }

    /// 15-minute RT prices on the grid, one columnar range read per point (the table's key is
    /// (point, interval start)). A point with no stored interval keeps an empty array, so
    /// hourly-only stores cost no memory; `[]` when no point has any.
    private func loadIntervals(ids: [Int64], from gridStart: Int64, hourCount: Int) throws -> [[Double]] {
        let step = MarketRules.rtIntervalSeconds, count = hourCount * MarketRules.rtIntervalsPerHour
        var intervals = [[Double]](repeating: [], count: ids.count)
        let read = try SQLiteStatement(db, """
            SELECT interval_start, price FROM rt_interval
            WHERE point_id = ?1 AND interval_start >= ?2 AND interval_start < ?3
            """)
        for (index, id) in ids.enumerated() where count > 0 {
            read.bind(1, id); read.bind(2, gridStart); read.bind(3, gridStart + Int64(count) * step)
            while try read.next() {
                let offset = read.int64(0) - gridStart
                guard offset % step == 0 else { continue }  // off the 15-minute grid: not an ERCOT interval
                if intervals[index].isEmpty { intervals[index] = [Double](repeating: .nan, count: count) }
                intervals[index][Int(offset / step)] = read.double(1)
            }
        }
        return intervals.allSatisfy(\.isEmpty) ? [] : intervals
    }

    private func loadExogenous(from: Int64, to: Int64) throws -> [String: ExogenousSeries] {
        var result: [String: ExogenousSeries] = [:]
        let series = try Row.fetchAll(db, sql: "SELECT id, name FROM exogenous_series ORDER BY name")
        let read = try SQLiteStatement(db, """
            SELECT target_utc, posted_at, value FROM exogenous_value
            WHERE series_id = ?1 AND target_utc >= ?2 AND target_utc < ?3 ORDER BY target_utc, posted_at
            """)
        for row in series {
            let id: Int64 = row[0]
            read.bind(1, id); read.bind(2, from); read.bind(3, to)
            var postings: [ExogenousSeries.Posting] = []
            while try read.next() {
                postings.append(.init(targetUTC: read.int64(0), postedAtUTC: read.int64(1), value: read.double(2)))
            }
            if !postings.isEmpty { result[row[1]] = ExogenousSeries(postings: postings) }
        }
        return result
    }

    private func floorToHour(_ utc: Int64) -> Int64 { utc - ((utc % 3600) + 3600) % 3600 }
}
