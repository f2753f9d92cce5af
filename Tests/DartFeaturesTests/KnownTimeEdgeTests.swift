import DartCore
import DartFeatures
import Testing

/// The exact minutes at which DAM, RT and exogenous values become visible.
@Suite struct KnownTimeEdgeTests {
    let oracle = CentralTimeOracle()
    let history = SyntheticMarket.fall
    let point = 0

    func value(_ column: String, issue: Int64, target: Int64, history: MarketHistory? = nil) throws -> Float {
        let builder = try FeatureBuilder()
        let frame = try builder.build(history: history ?? self.history, product: .hourly,
                                      requests: [FeatureRequest(issueUTC: issue, targetUTC: target, pointIndex: point)])
        return frame.features[0, frame.features.column(named: column)!]
    }

    @Test func nextDayDAMIsPublishedAt1330() throws {
        let target = oracle.utc(2024, 11, 15, 7)  // HE 8 of the next operating day
        let index = history.index(ofUTC: target)!
        let expected = Float(history.dam[point][index])
        #expect(!expected.isNaN)
        #expect(try value("dam_target_published", issue: oracle.utc(2024, 11, 14, 13, 29), target: target).isNaN)
        #expect(try value("dam_target_published", issue: oracle.utc(2024, 11, 14, 13, 30), target: target) == expected)
        #expect(try value("dam_target_published", issue: oracle.utc(2024, 11, 14, 13, 31), target: target) == expected)
        // The hourly :05 issues around it.
        #expect(try value("dam_target_published", issue: oracle.utc(2024, 11, 14, 13, 5), target: target).isNaN)
        #expect(try value("dam_target_published", issue: oracle.utc(2024, 11, 14, 14, 5), target: target) == expected)
    }

    @Test func dayaheadNeverSeesTheTargetDAM() throws {
        let builder = try FeatureBuilder()
        let issues = MarketRules.ercot.issueTimes(.dayahead, from: OperatingDay(year: 2024, month: 11, day: 1)!,
                                                  through: OperatingDay(year: 2024, month: 11, day: 30)!)
        let frame = try builder.build(history: history, product: .dayahead, issueTimes: issues)
        let column = frame.features.column(named: "dam_target_published")!
        #expect((0..<frame.rowCount).allSatisfy { frame.features[$0, column].isNaN })
    }

    @Test func rtOfHourEnding1000IsVisibleFrom1015() throws {
        var history = self.history
        let he10 = history.index(ofUTC: oracle.utc(2024, 11, 14, 9))!  // 09:00–10:00 local
        history.rtm[point][he10] = 1234.5
        history.rtm[point][he10 - 1] = -42.25
        let target = oracle.utc(2024, 11, 14, 12)
        let before = oracle.utc(2024, 11, 14, 10, 14)
        let at = oracle.utc(2024, 11, 14, 10, 15)
        #expect(try value("rt_last_known", issue: before, target: target, history: history) == -42.25)
        #expect(try value("rt_last_known", issue: at, target: target, history: history) == 1234.5)
        #expect(try value("rt_last_known", issue: oracle.utc(2024, 11, 14, 10, 5), target: target, history: history) == -42.25)
        #expect(try value("rt_hours_since_last_known", issue: at, target: target, history: history) == 0.25)
    }

    /// The short-horizon spread follows both edges: NaN until the target's DAM is out, then DAM
    /// minus the newest RT hour known at that issue (not the hour that just ended).
    @Test func damTargetMinusLastKnownRTFollowsBothKnownTimes() throws {
        var history = self.history
        let target = oracle.utc(2024, 11, 15, 7)
        let dam = history.dam[point][history.index(ofUTC: target)!]
        #expect(!dam.isNaN)
        let he14 = history.index(ofUTC: oracle.utc(2024, 11, 14, 13))!  // 13:00–14:00 local, known 14:15
        history.rtm[point][he14 - 1] = 20
        history.rtm[point][he14] = 900
        #expect(try value("dam_target_minus_rt_last_known", issue: oracle.utc(2024, 11, 14, 13, 29), target: target, history: history).isNaN)
        #expect(try value("dam_target_minus_rt_last_known", issue: oracle.utc(2024, 11, 14, 14, 5), target: target, history: history)
                == Float(dam - 20))
        #expect(try value("dam_target_minus_rt_last_known", issue: oracle.utc(2024, 11, 14, 14, 15), target: target, history: history)
                == Float(dam - 900))
    }

    @Test func rtLagIsASetting() throws {
        var history = self.history
        let he10 = history.index(ofUTC: oracle.utc(2024, 11, 14, 9))!
        history.rtm[point][he10] = 777
        let builder = try FeatureBuilder(rules: try MarketRules(rtPublicationLagMinutes: 45))
        func rtLast(_ issue: Int64) throws -> Float {
            let frame = try builder.build(history: history, product: .hourly,
                requests: [FeatureRequest(issueUTC: issue, targetUTC: oracle.utc(2024, 11, 14, 12), pointIndex: point)])
            return frame.features[0, frame.features.column(named: "rt_last_known")!]
        }
        #expect(try rtLast(oracle.utc(2024, 11, 14, 10, 44)) != 777)
        #expect(try rtLast(oracle.utc(2024, 11, 14, 10, 45)) == 777)
    }

    @Test func exogenousPostingMustPrecedeTheIssueStrictly() throws {
        var history = self.history
        let target = oracle.utc(2024, 11, 15, 15)
        let posted = oracle.utc(2024, 11, 14, 9, 55)
        history.exogenous["solar_stppf"] = ExogenousSeries(postings: [.init(targetUTC: target, postedAtUTC: posted, value: 321)])
        #expect(try value("solar_stppf", issue: posted, target: target, history: history).isNaN)
        #expect(try value("solar_stppf", issue: posted + 1, target: target, history: history) == 321)
    }
}
