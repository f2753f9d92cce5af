import DartCore
import DartFeatures
import Foundation
import Testing

/// Cross-point averages recomputed by hand from the synthetic history's three points.
@Suite struct SystemFeatureTests {
    let oracle = CentralTimeOracle()
    let history = SyntheticMarket.fall

    func frame(issue: Int64, history: MarketHistory? = nil) throws -> FeatureFrame {
        try FeatureBuilder().build(history: history ?? self.history, product: .hourly, issueTimes: [issue])
    }

    func value(_ frame: FeatureFrame, _ row: Int, _ name: String) -> Float {
        frame.features[row, frame.features.column(named: name)!]
    }

    /// Mean DART over the points at grid index `index` (NaN skipped).
    func crossPointDART(_ history: MarketHistory, _ index: Int) -> Double {
        let values = history.points.indices.map { history.dam[$0][index] - history.rtm[$0][index] }.filter { !$0.isNaN }
        return values.isEmpty ? .nan : values.reduce(0, +) / Double(values.count)
    }

    func row(_ frame: FeatureFrame, point: Int, target: Int64) -> Int {
        (0..<frame.rowCount).first { frame.pointIndex[$0] == point && frame.targetUTC[$0] == target }!
    }

    @Test func crossPointDARTAndRecentRT() throws {
        // Issued 10:05 on 2024-11-14 for HE 15 (14:00–15:00): T−1 = 11-13 is known; anchor A = 11-13.
        let built = try frame(issue: oracle.utc(2024, 11, 14, 10, 5))
        let target = oracle.utc(2024, 11, 14, 14)
        let sameHE = { (day: Int) in history.index(ofUTC: oracle.utc(2024, 11, day, 14))! }
        let latest = (7...13).reversed().map { crossPointDART(history, sameHE($0)) }.first { !$0.isNaN }!
        let week = (7...13).reversed().map { crossPointDART(history, sameHE($0)) }.filter { !$0.isNaN }
        // rt_last_known of each point: the latest present RT up to 08:00–09:00.
        let cutoff = history.index(ofUTC: oracle.utc(2024, 11, 14, 9))!
        let lastRT = history.points.indices.map { p in (1...24).lazy.map { history.rtm[p][cutoff - $0] }.first { !$0.isNaN }! }
        let systemRT = Float(lastRT.reduce(0, +) / 3)
        for point in history.points.indices {
            let r = row(built, point: point, target: target)
            #expect(value(built, r, "system_dart_same_he_latest") == Float(latest))
            #expect(value(built, r, "system_dart_same_he_mean_7d") == Float(week.reduce(0, +) / Double(week.count)))
            #expect(value(built, r, "dart_same_he_latest_minus_system") == value(built, r, "dart_same_he_latest") - Float(latest))
            #expect(value(built, r, "system_rt_last_known") == systemRT)
            #expect(value(built, r, "rt_last_known") == Float(lastRT[point]))
            #expect(value(built, r, "rt_last_known_minus_system") == Float(lastRT[point]) - systemRT)
        }
    }

    @Test func everyPointCountsEvenWhenOneIsRequested() throws {
        let issue = oracle.utc(2024, 11, 14, 10, 5)
        let all = try frame(issue: issue)
        let one = try FeatureBuilder().build(history: history, product: .hourly, issueTimes: [issue], pointIndices: [2])
        let columns = ["system_dart_same_he_latest", "system_dart_same_he_mean_7d", "system_rt_last_known"]
        for name in columns {
            #expect(value(one, 0, name) == value(all, row(all, point: 2, target: one.targetUTC[0]), name))
        }
    }

    /// A target on the repeated fall-back HE 2 reads HE 2 of earlier days; an issue inside
    /// the repeated hour sees the first HE 2 only once its RT is known.
    @Test func fallBackRepeatedHour() throws {
        let repeated = UTCFormat.parse("2024-11-03T07:00:00Z")!
        let built = try frame(issue: UTCFormat.parse("2024-11-03T04:05:00Z")!)  // 23:05 CDT on 11-02
        let r = row(built, point: 0, target: repeated)
        #expect(built.isRepeatedHour[r])
        let he2OfNov2 = history.index(ofUTC: oracle.utc(2024, 11, 2, 1))!
        #expect(value(built, r, "system_dart_same_he_latest") == Float(crossPointDART(history, he2OfNov2)))
    }

    /// HE 3 does not exist on 2024-03-10: a target at HE 3 on 03-11 falls back to 03-09.
    @Test func springForwardMissingHour() throws {
        let spring = SyntheticMarket.spring
        let built = try frame(issue: oracle.utc(2024, 3, 10, 10, 5), history: spring)
        let target = oracle.utc(2024, 3, 11, 2)
        let r = row(built, point: 1, target: target)
        let he3OfMar9 = spring.index(ofUTC: oracle.utc(2024, 3, 9, 2))!
        #expect(value(built, r, "system_dart_same_he_latest") == Float(crossPointDART(spring, he3OfMar9)))
        let week = (3...9).reversed().map { crossPointDART(spring, spring.index(ofUTC: oracle.utc(2024, 3, $0, 2))!) }.filter { !$0.isNaN }
        #expect(value(built, r, "system_dart_same_he_mean_7d") == Float(week.reduce(0, +) / Double(week.count)))
    }
}
