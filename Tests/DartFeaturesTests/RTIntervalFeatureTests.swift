import DartCore
import DartFeatures
import Foundation
import Testing

/// 15-minute RT interval features, with values planted in the synthetic history and expected
/// values worked out by hand (interval published at its end + 5 minutes).
@Suite struct RTIntervalFeatureTests {
    let oracle = CentralTimeOracle()
    let point = 0

    /// Sets the intervals starting at `firstUTC`, one every 15 minutes.
    static func plant(_ history: inout MarketHistory, point: Int, from firstUTC: Int64, _ prices: [Double]) {
        let first = Int((firstUTC - history.startUTC) / 900)
        for (k, price) in prices.enumerated() { history.rtIntervals[point][first + k] = price }
    }

    func row(_ history: MarketHistory, issue: Int64, target: Int64,
             rules: MarketRules = .ercot) throws -> [String: Float] {
        let frame = try FeatureBuilder(rules: rules).build(history: history, product: .hourly,
            requests: [FeatureRequest(issueUTC: issue, targetUTC: target, pointIndex: point)])
        return Dictionary(uniqueKeysWithValues: frame.features.names.enumerated().map { ($1, frame.features[0, $0]) })
    }

    /// 2024-11-14, 08:00–10:15 local: 11, 12, 13, 14 | 21, 22, 23, 24 | 99.
    func planted() -> MarketHistory {
        var history = SyntheticMarket.fall
        Self.plant(&history, point: point, from: oracle.utc(2024, 11, 14, 8), [11, 12, 13, 14, 21, 22, 23, 24, 99])
        return history
    }

    @Test func latestMeanTrendAndPendingHourAtTheMinute() throws {
        let history = planted()
        let target = oracle.utc(2024, 11, 14, 11)
        // 10:05: 09:45–10:00 is published (10:00 + 5 min); hourly RT of 09:00–10:00 only at 10:15.
        var values = try row(history, issue: oracle.utc(2024, 11, 14, 10, 5), target: target)
        #expect(values["rt_interval_latest"] == 24)
        #expect(values["rt_interval_mean_last_4"] == 22.5)
        #expect(values["rt_interval_trend_4"] == 10)  // 24 − 14
        #expect(values["rt_intervals_published_pending_hour"] == 4)
        let dam = history.dam[point][history.index(ofUTC: target)!]
        #expect(values["dam_target_minus_rt_interval_latest"] == Float(dam - 24))
        // One minute earlier the last interval is not out yet.
        values = try row(history, issue: oracle.utc(2024, 11, 14, 10, 4), target: target)
        #expect(values["rt_interval_latest"] == 23)
        #expect(values["rt_interval_mean_last_4"] == 20)  // (14 + 21 + 22 + 23) / 4
        #expect(values["rt_interval_trend_4"] == 10)      // 23 − 13
        #expect(values["rt_intervals_published_pending_hour"] == 3)
        // 10:20: the hour 09:00–10:00 is known as an hourly value; 10:00–10:15 is published.
        values = try row(history, issue: oracle.utc(2024, 11, 14, 10, 20), target: target)
        #expect(values["rt_interval_latest"] == 99)
        #expect(values["rt_interval_trend_4"] == Float(78))  // 99 − 21
        #expect(values["rt_intervals_published_pending_hour"] == 1)
    }

    @Test func missingIntervalsAreSkippedAndTheLagIsASetting() throws {
        var history = planted()
        Self.plant(&history, point: point, from: oracle.utc(2024, 11, 14, 9, 45), [.nan])
        let target = oracle.utc(2024, 11, 14, 11), issue = oracle.utc(2024, 11, 14, 10, 5)
        let values = try row(history, issue: issue, target: target)
        #expect(values["rt_interval_latest"] == 23)
        #expect(values["rt_interval_mean_last_4"] == 22)  // (21 + 22 + 23) / 3
        #expect(values["rt_interval_trend_4"] == 10)      // 23 − 13
        #expect(values["rt_intervals_published_pending_hour"] == 3)
        // With a 10-minute lag, 09:30–09:45 (out at 09:55) is the latest at 10:05.
        let slower = try row(planted(), issue: issue, target: target, rules: try MarketRules(rtIntervalPublicationLagMinutes: 10))
        #expect(slower["rt_interval_latest"] == 23)
    }

    @Test func noIntervalDataIsNaNNotZero() throws {
        var history = SyntheticMarket.fall
        history.rtIntervals = []
        let target = oracle.utc(2024, 11, 14, 15)
        let issue = oracle.utc(2024, 11, 14, 14, 5)
        var values = try row(history, issue: issue, target: target)
        for name in RTIntervalNames.all { #expect(values[name]!.isNaN, "\(name)") }
        // A point with interval data, but none in the last 24 hours: missing too, not a count of 0.
        history = SyntheticMarket.fall
        for k in history.rtIntervals[point].indices { history.rtIntervals[point][k] = .nan }
        values = try row(history, issue: issue, target: target)
        for name in RTIntervalNames.all { #expect(values[name]!.isNaN, "\(name)") }
    }

    /// 2024-11-03 fall-back: UTC 06:00–07:00 is 01:00–02:00 CDT (HE 2), 07:00–08:00 the repeated CST HE 2.
    @Test func fallBackRepeatedHour() throws {
        var history = SyntheticMarket.fall
        let cdtHE2 = UTCFormat.parse("2024-11-03T06:00:00Z")!
        Self.plant(&history, point: point, from: cdtHE2 - 3600, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
        let target = UTCFormat.parse("2024-11-03T09:00:00Z")!
        // 01:05 CST (second copy): 06:45–07:00Z is out at 07:05Z; the first HE 2 is pending (hourly at 07:15Z).
        var values = try row(history, issue: UTCFormat.parse("2024-11-03T07:05:00Z")!, target: target)
        #expect(values["rt_interval_latest"] == 8)
        #expect(values["rt_interval_mean_last_4"] == 6.5)
        #expect(values["rt_interval_trend_4"] == 4)
        #expect(values["rt_intervals_published_pending_hour"] == 4)
        // 01:20 CST: the first HE 2 is known hourly; one interval of the repeated HE 2 is out.
        values = try row(history, issue: UTCFormat.parse("2024-11-03T07:20:00Z")!, target: target)
        #expect(values["rt_interval_latest"] == 9)
        #expect(values["rt_intervals_published_pending_hour"] == 1)
    }

    /// 2024-03-10 spring-forward: 02:00–03:00 does not exist; 07:00–08:00Z is 01:00–02:00 CST (HE 2).
    @Test func springForwardSkippedHour() throws {
        var history = SyntheticMarket.spring
        let he2 = UTCFormat.parse("2024-03-10T07:00:00Z")!
        Self.plant(&history, point: point, from: he2 - 3600, [1, 2, 3, 4, 5, 6, 7, 8, 50])
        // 03:05 CDT = 08:05Z: 07:45–08:00Z is out; HE 2 is pending (hourly at 08:15Z); 08:00–08:15Z (HE 4) is not.
        let values = try row(history, issue: UTCFormat.parse("2024-03-10T08:05:00Z")!, target: he2 + 7200)
        #expect(values["rt_interval_latest"] == 8)
        #expect(values["rt_interval_trend_4"] == 4)
        #expect(values["rt_intervals_published_pending_hour"] == 4)
        #expect(values["dam_target_minus_rt_interval_latest"] == Float(history.dam[point][history.index(ofUTC: he2 + 7200)!] - 8))
    }
}

enum RTIntervalNames {
    static let all = ["rt_interval_latest", "rt_interval_mean_last_4", "rt_interval_trend_4",
                      "rt_intervals_published_pending_hour", "dam_target_minus_rt_interval_latest"]
}
