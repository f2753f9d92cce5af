import DartCore
import DartFeatures
import Testing

@Suite struct ExogenousFeatureTests {
    let oracle = CentralTimeOracle()

    func frame(_ history: MarketHistory, issue: Int64, target: Int64) throws -> FeatureFrame {
        try FeatureBuilder().build(history: history, product: .hourly,
                                   requests: [FeatureRequest(issueUTC: issue, targetUTC: target, pointIndex: 0)])
    }

    @Test func missingPostingIsNaNNotZero() throws {
        var history = SyntheticMarket.fall
        let target = oracle.utc(2024, 11, 15, 15)
        let issue = oracle.utc(2024, 11, 15, 6, 5)
        history.exogenous["solar_cophsl"] = ExogenousSeries(postings: [
            .init(targetUTC: target + 3600, postedAtUTC: issue - 7200, value: 0),  // another hour only
            .init(targetUTC: target, postedAtUTC: issue + 60, value: 0),           // too late
        ])
        history.exogenous["wind_cophsl"] = nil                          // series absent
        let built = try frame(history, issue: issue, target: target)
        #expect(built.features[0, built.features.column(named: "solar_cophsl")!].isNaN)
        #expect(built.features[0, built.features.column(named: "wind_cophsl")!].isNaN)
        let next = try frame(history, issue: issue, target: target + 3600)
        #expect(next.features[0, next.features.column(named: "solar_cophsl")!] == 0)
    }

    @Test func latestPostingBeforeIssueWins() throws {
        let history = SyntheticMarket.fall
        let target = oracle.utc(2024, 11, 15, 7)
        let postings = history.exogenous["wind_stwpf"]!.postings.filter { $0.targetUTC == target }
        #expect(postings.count == 2 || postings.count == 1)
        let dayAhead = postings.last!
        let dayaheadIssue = oracle.utc(2024, 11, 14, 5)  // the 05:00 run cannot see the 09:55 posting
        let early = try frame(history, issue: dayaheadIssue, target: target)
        let column = early.features.column(named: "wind_stwpf")!
        if postings.count == 2 {
            #expect(early.features[0, column] == Float(postings[0].value))
        } else {
            #expect(early.features[0, column].isNaN)
        }
        let late = try frame(history, issue: oracle.utc(2024, 11, 14, 11, 5), target: target)
        #expect(late.features[0, column] == Float(dayAhead.value))
    }

    @Test func loadActualIsLaggedNeverSameHour() throws {
        let history = SyntheticMarket.fall
        let issue = oracle.utc(2024, 11, 15, 6, 5)
        let target = oracle.utc(2024, 11, 15, 8)  // HE 9 today; yesterday's HE 9 is known
        let built = try frame(history, issue: issue, target: target)
        let load = history.exogenous["load_actual_ERCOT"]!
        let yesterday = load.postings.first { $0.targetUTC == oracle.utc(2024, 11, 14, 8) }
        let twoDaysAgo = load.postings.first { $0.targetUTC == oracle.utc(2024, 11, 13, 8) }
        let expected = (yesterday ?? twoDaysAgo).map { Float($0.value) }
        #expect(built.features[0, built.features.column(named: "load_actual_same_he_latest")!] == expected)
        let sameHour = load.postings.first { $0.targetUTC == target }
        #expect(sameHour.map { Float($0.value) } != expected)
    }

    @Test func finalSeriesAreNotColumns() throws {
        let names = try FeatureBuilder().featureNames
        #expect(!names.contains { $0.hasSuffix("_final") })
        #expect(names.contains("wind_stwpf"))
    }
}
