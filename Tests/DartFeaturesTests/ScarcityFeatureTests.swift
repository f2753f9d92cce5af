import DartCore
import DartFeatures
import Foundation
import Testing

/// Recent RT extremes over the 24 and 168 known hours before the RT cut-off, and the target
/// day's highest DAM, with planted prices and hand-counted expectations.
@Suite struct ScarcityFeatureTests {
    let oracle = CentralTimeOracle()
    let point = 0

    func frame(_ history: MarketHistory, issue: Int64, product: ForecastProduct = .hourly) throws -> FeatureFrame {
        try FeatureBuilder().build(history: history, product: product, issueTimes: [issue], pointIndices: [point])
    }

    func value(_ frame: FeatureFrame, _ row: Int, _ name: String) -> Float {
        frame.features[row, frame.features.column(named: name)!]
    }

    /// Sets the 170 hours before grid index `end` to 20, then plants `spikes` (hours back from `end` → price).
    static func plant(_ history: inout MarketHistory, point: Int, end: Int, _ spikes: [Int: Double]) {
        for back in 1...170 { history.rtm[point][end - back] = 20 }
        for (back, price) in spikes { history.rtm[point][end - back] = price }
    }

    @Test func countsAndMaximaOverKnownHours() throws {
        var history = SyntheticMarket.fall
        // Issued 10:05 on 2024-11-14: the last known RT hour is 08:00–09:00, so the cut-off is 09:00.
        let end = history.index(ofUTC: oracle.utc(2024, 11, 14, 9))!
        Self.plant(&history, point: point, end: end, [1: 150, 2: -10, 3: .nan, 24: 5000, 25: 9000, 30: -5, 168: 120, 169: 7777])
        history.rtm[point][end] = 8888  // 09:00–10:00, known only at 10:15
        let built = try frame(history, issue: oracle.utc(2024, 11, 14, 10, 5))
        for row in 0..<built.rowCount {
            #expect(value(built, row, "rt_max_24h") == 5000)
            #expect(value(built, row, "rt_hours_above_100_24h") == 2)  // 150, 5000
            #expect(value(built, row, "rt_hours_below_0_24h") == 1)    // −10
            #expect(value(built, row, "rt_max_7d") == 9000)
            #expect(value(built, row, "rt_hours_above_100_7d") == 4)   // 150, 5000, 9000, 120
            #expect(value(built, row, "rt_hours_below_0_7d") == 2)     // −10, −5
        }
    }

    @Test func noKnownRTIsNaN() throws {
        var history = SyntheticMarket.fall
        let end = history.index(ofUTC: oracle.utc(2024, 11, 14, 9))!
        for back in 1...24 { history.rtm[point][end - back] = .nan }
        let built = try frame(history, issue: oracle.utc(2024, 11, 14, 10, 5))
        #expect(value(built, 0, "rt_max_24h").isNaN)
        #expect(value(built, 0, "rt_hours_above_100_24h").isNaN)
        #expect(!value(built, 0, "rt_max_7d").isNaN)
    }

    /// Across fall-back the 24-hour span is 24 real hours: from 12:00 CDT on 11-02 to 11:00 CST on 11-03.
    @Test func spanCountsRealHoursAcrossFallBack() throws {
        var history = SyntheticMarket.fall
        let end = history.index(ofUTC: oracle.utc(2024, 11, 3, 11))!  // cut-off of a 12:05 CST issue
        #expect(history.utc(ofIndex: end) - 24 * 3600 == oracle.utc(2024, 11, 2, 12))
        Self.plant(&history, point: point, end: end, [24: 300, 25: 5000])  // 12:00 CDT in, 11:00 CDT out
        let built = try frame(history, issue: oracle.utc(2024, 11, 3, 12, 5))
        #expect(value(built, 0, "rt_max_24h") == 300)
        #expect(value(built, 0, "rt_hours_above_100_24h") == 1)
        #expect(value(built, 0, "rt_max_7d") == 5000)
    }

    /// The 25-hour 2024-11-03, whose highest DAM is on the repeated HE 2, once published (13:30 on 11-02).
    @Test func targetDayMaxDAMOnceThatDayIsPublished() throws {
        var history = SyntheticMarket.fall
        let repeatedHE2 = history.index(ofUTC: UTCFormat.parse("2024-11-03T07:00:00Z")!)!
        history.dam[point][repeatedHE2] = 3333
        let nov2 = history.index(ofUTC: oracle.utc(2024, 11, 2, 0))!
        let nov2Max = Float(history.dam[point][nov2..<(nov2 + 24)].filter { !$0.isNaN }.max()!)
        let after = try frame(history, issue: oracle.utc(2024, 11, 2, 14, 5))
        let before = try frame(history, issue: oracle.utc(2024, 11, 2, 13, 5))
        let nov3 = OperatingDay(year: 2024, month: 11, day: 3)!
        for row in 0..<after.rowCount {
            let expected = after.operatingDay[row] == nov3 ? 3333 : nov2Max
            #expect(value(after, row, "dam_target_day_max") == expected)
        }
        for row in 0..<before.rowCount {
            #expect(value(before, row, "dam_target_day_max").isNaN == (before.operatingDay[row] == nov3))
        }
        let dayahead = try frame(history, issue: oracle.utc(2024, 11, 2, 5), product: .dayahead)
        #expect(dayahead.rowCount == 25)
        #expect((0..<25).allSatisfy { value(dayahead, $0, "dam_target_day_max").isNaN })
    }
}
