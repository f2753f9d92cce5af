import DartCore
import DartFeatures
import Testing

/// Features on the bundled real ERCOT sample (2024-01 … 2025-03, 15 points).
@Suite struct RealSampleTests {
    let history = SampleMarket.history
    let rules = MarketRules.ercot
    let oracle = CentralTimeOracle()

    @Test func fallBackDayAheadHas25RowsPerPointAndNoLeak() throws {
        let builder = try FeatureBuilder()
        let issue = oracle.utc(2024, 11, 2, 5)
        let frame = try builder.build(history: history, product: .dayahead, issueTimes: [issue])
        #expect(history.points.count == 15)
        #expect(frame.rowCount == 25 * 15)
        // The 09:55 D−1 wind/solar posting is after the 05:00 run: it must be missing, not 0.
        let wind = frame.features.column(named: "wind_stwpf")!
        #expect((0..<frame.rowCount).allSatisfy { frame.features[$0, wind].isNaN })
        let knownTimes = Leakage.KnownTimes(history)
        var random = SeededGenerator(seed: 5)
        let scrambled = Leakage.scrambled(history, knownTimes: knownTimes, after: issue, random: &random)
        let rebuilt = try builder.build(history: scrambled, product: .dayahead, issueTimes: [issue])
        #expect(Leakage.firstDifference(frame.features, rebuilt.features) == nil)
    }

    /// A frame built for some targets only (a training frame thinned by target) holds exactly
    /// those rows of the whole frame, every value and label bit for bit.
    @Test func aFrameThinnedByTargetIsThoseRowsOfTheWholeOne() throws {
        let builder = try FeatureBuilder()
        let issues = (0..<30).map { oracle.utc(2024, 7, 10, 11, 5) + Int64($0) * 7 * 3600 }
        let whole = try builder.build(history: history, product: .hourly, issueTimes: issues)
        let keeps: (Int64, Int64) -> Bool = { issue, target in ((target - issue) / 3600 + issue / 86_400) % 3 == 0 }
        let thinned = try builder.build(history: history, product: .hourly, issueTimes: issues, keepsTarget: keeps)
        let kept = (0..<whole.rowCount).filter { keeps(whole.issueUTC[$0], whole.targetUTC[$0]) }
        #expect(thinned.rowCount == kept.count && kept.count * 3 == whole.rowCount)
        let expected = whole.rows(kept)
        #expect(thinned.features.names == expected.features.names)
        #expect(thinned.features.values.map(\.bitPattern) == expected.features.values.map(\.bitPattern))
        #expect(thinned.dart.map(\.bitPattern) == expected.dart.map(\.bitPattern))
        #expect(thinned.issueUTC == expected.issueUTC && thinned.targetUTC == expected.targetUTC && thinned.pointIndex == expected.pointIndex)
    }

    @Test func hourlyIssueAfterThePostingSeesTheForecast() throws {
        let builder = try FeatureBuilder()
        let issue = oracle.utc(2024, 7, 10, 11, 5)
        let frame = try builder.build(history: history, product: .hourly, issueTimes: [issue], pointIndices: [0])
        let wind = frame.features.column(named: "wind_stwpf")!
        let solar = frame.features.column(named: "solar_stppf")!
        #expect((0..<frame.rowCount).allSatisfy { !frame.features[$0, wind].isNaN && !frame.features[$0, solar].isNaN })
        let dart = frame.features.column(named: "dart_same_he_d7")!
        #expect((0..<frame.rowCount).filter { !frame.features[$0, dart].isNaN }.count == frame.rowCount)
    }

    @Test func realSpringHasRollingFeaturesAndLabels() throws {
        let builder = try FeatureBuilder()
        let issues = rules.issueTimes(.dayahead, from: OperatingDay(year: 2024, month: 3, day: 1)!,
                                      through: OperatingDay(year: 2024, month: 4, day: 30)!)
        let frame = try builder.build(history: history, product: .dayahead, issueTimes: issues)
        let column = frame.features.column(named: "dart_same_he_mean_28d")!
        let present = (0..<frame.rowCount).filter { !frame.features[$0, column].isNaN }.count
        #expect(present == frame.rowCount)
        // Labels are missing only around the sample's gap after spring DST: the README names
        // 2024-03-11…16, and the file also lacks most of 03-10 and part of 03-17.
        let gap = OperatingDay(year: 2024, month: 3, day: 10)!...OperatingDay(year: 2024, month: 3, day: 17)!
        let unlabeled = frame.dart.indices.filter { frame.dart[$0].isNaN }
        #expect(!unlabeled.isEmpty)
        #expect(unlabeled.allSatisfy { gap.contains(frame.operatingDay[$0]) })
    }
}
