import DartCore
import GRDB

/// A run of consecutive delivery hours `[startUTC, endUTC)`.
public struct HourRange: Sendable, Hashable, CustomStringConvertible {
    public let startUTC: Int64
    /// Exclusive.
    public let endUTC: Int64

    public init(startUTC: Int64, endUTC: Int64) {
        self.startUTC = startUTC
        self.endUTC = endUTC
    }

    public var hourCount: Int { Int((endUTC - startUTC) / 3600) }

    /// `2024-03-10 HE02 … 2024-03-17 HE03` in the market's local labels.
    public func localLabels(zone: MarketTimeZone = .ercot) -> String {
        let first = zone.marketHour(containing: startUTC), last = zone.marketHour(containing: endUTC - 3600)
        func label(_ hour: MarketHour) -> String {
            "\(hour.operatingDay) HE\(hour.hourEnding < 10 ? "0" : "")\(hour.hourEnding)\(hour.isRepeatedHour ? "(Y)" : "")"
        }
        return hourCount == 1 ? label(first) : "\(label(first)) … \(label(last))"
    }

    /// `2024-03-10T07:00:00Z … 2024-03-17T08:00:00Z (169 h)`, end exclusive.
    public var description: String {
        "\(UTCFormat.iso8601(startUTC)) … \(UTCFormat.iso8601(endUTC)) (\(hourCount) h)"
    }
}

/// Coverage of one settlement point in the store.
public struct PointStatus: Sendable, Hashable {
    public let point: SettlementPoint
    /// First and last stored hour start (any price), UTC.
    public let firstHourUTC: Int64
    public let lastHourUTC: Int64
    /// Hours with both DAM and a complete RT (a usable DART target).
    public let completeHours: Int
    /// Hours between first and last with no complete DART (missing row, DAM or RT), merged into runs.
    public let gaps: [HourRange]
    /// Hours with 1–3 of their four RT intervals (RT unknown, not a target), merged into runs.
    public let incompleteRTHours: [HourRange]

    public var gapHourCount: Int { gaps.reduce(0) { $0 + $1.hourCount } }
}

extension MarketStore {
    /// Per point: first and last hour, gaps and incomplete RT hours, sorted by point name.
    public func status() throws -> [PointStatus] {
        try database("status") {
            try pool.read { db in
                let points = try Row.fetchAll(db, sql: "SELECT id, name FROM settlement_point ORDER BY name")
                let read = try SQLiteStatement(db, """
                    SELECT utc_start, dam IS NOT NULL AND rtm IS NOT NULL AND rt_intervals = 4, rt_intervals
                    FROM hourly_price WHERE point_id = ?1 ORDER BY utc_start
                    """)
                var result: [PointStatus] = []
                for row in points {
                    guard let point = SettlementPoint(row[1] as String) else { continue }
                    read.bind(1, row[0] as Int64)
                    var gaps = RangeBuilder(), incomplete = RangeBuilder()
                    var first: Int64?, last: Int64 = 0, complete = 0
                    var expected: Int64 = 0  // next hour on the grid
                    while try read.next() {
                        let utc = read.int64(0)
                        if first == nil { first = utc } else if utc > expected { gaps.add(expected, utc) }
                        if read.int64(1) == 1 { complete += 1 } else { gaps.add(utc, utc + 3600) }
                        let intervals = read.int64(2)
                        if intervals > 0, intervals < 4 { incomplete.add(utc, utc + 3600) }
                        last = utc
                        expected = utc + 3600
                    }
                    guard let first else { continue }
                    result.append(PointStatus(point: point, firstHourUTC: first, lastHourUTC: last, completeHours: complete,
                                              gaps: gaps.ranges, incompleteRTHours: incomplete.ranges))
                }
                return result
            }
        }
    }
}

/// Merges added hour spans into maximal runs (spans arrive in time order).
private struct RangeBuilder {
    var ranges: [HourRange] = []

    mutating func add(_ start: Int64, _ end: Int64) {
        if let last = ranges.last, last.endUTC == start {
            ranges[ranges.count - 1] = HourRange(startUTC: last.startUTC, endUTC: end)
        } else {
            ranges.append(HourRange(startUTC: start, endUTC: end))
        }
    }
}
