import DartCore
import DartFeatures
import Testing

/// Issue times and target hours of both products, across DST changes.
@Suite struct ProductScheduleTests {
    let rules = MarketRules.ercot
    let oracle = CentralTimeOracle()

    static let springDays = [OperatingDay(year: 2024, month: 3, day: 10)!, OperatingDay(year: 2025, month: 3, day: 9)!]
    static let fallDays = [OperatingDay(year: 2024, month: 11, day: 3)!, OperatingDay(year: 2025, month: 11, day: 2)!]

    func dayaheadTargets(for day: OperatingDay) -> [MarketHour] {
        let issue = rules.issueTimes(.dayahead, from: day.adding(days: -1), through: day.adding(days: -1))
        #expect(issue.count == 1)
        return rules.targetHours(.dayahead, issueUTC: issue[0])
    }

    @Test func dayaheadIssuesAtFiveLocalTheDayBefore() {
        let day = OperatingDay(year: 2024, month: 3, day: 10)!
        let issues = rules.issueTimes(.dayahead, from: day.adding(days: -1), through: day)
        #expect(issues == [oracle.utc(2024, 3, 9, 5), oracle.utc(2024, 3, 10, 5)])
        let targets = rules.targetHours(.dayahead, issueUTC: issues[0])
        #expect(targets.allSatisfy { $0.operatingDay == day })
    }

    @Test(arguments: springDays)
    func springForwardDayHas23DayaheadTargets(day: OperatingDay) throws {
        let targets = dayaheadTargets(for: day)
        #expect(targets.count == 23)
        #expect(Set(targets.map(\.utcStart)).count == 23)
        #expect(!targets.contains { $0.hourEnding == 3 })
        #expect(rules.issueTimes(.hourly, from: day, through: day).count == 23)
    }

    @Test(arguments: fallDays)
    func fallBackDayHas25DayaheadTargetsWithRepeatedHE2(day: OperatingDay) throws {
        let targets = dayaheadTargets(for: day)
        #expect(targets.count == 25)
        #expect(Set(targets.map(\.utcStart)).count == 25)
        let he2 = targets.filter { $0.hourEnding == 2 }
        #expect(he2.count == 2)
        #expect(he2.map(\.isRepeatedHour) == [false, true])
        #expect(he2[1].utcStart - he2[0].utcStart == 3600)
        #expect(rules.issueTimes(.hourly, from: day, through: day).count == 25)
    }

    @Test func dstDayFeatureRowsCarryDistinctKeys() throws {
        let builder = try FeatureBuilder()
        for (history, day, expected) in [(SyntheticMarket.spring, Self.springDays[0], 23), (SyntheticMarket.fall, Self.fallDays[0], 25)] {
            let issue = rules.issueTimes(.dayahead, from: day.adding(days: -1), through: day.adding(days: -1))
            let frame = try builder.build(history: history, product: .dayahead, issueTimes: issue)
            #expect(frame.rowCount == expected * history.points.count)
            for point in history.points.indices {
                let rows = frame.pointIndex.indices.filter { frame.pointIndex[$0] == Int32(point) }
                #expect(Set(rows.map { frame.targetUTC[$0] }).count == expected)
                #expect(rows.allSatisfy { frame.operatingDay[$0] == day })
                #expect(rows.filter { frame.isRepeatedHour[$0] }.count == (expected == 25 ? 1 : 0))
            }
            let column = frame.features.column(named: "is_repeated_hour")!
            #expect(frame.features.rows(0..<frame.rowCount).values.count == frame.rowCount * frame.features.columnCount)
            #expect((0..<frame.rowCount).filter { frame.features[$0, column] == 1 }.count == (expected == 25 ? 3 : 0))
        }
    }

    @Test func ordinaryDayHas24HourlyIssuesAtFivePast() {
        let day = OperatingDay(year: 2024, month: 6, day: 12)!
        let issues = rules.issueTimes(.hourly, from: day, through: day)
        #expect(issues.count == 24)
        #expect(issues.first == oracle.utc(2024, 6, 12, 0, 5))
        #expect(issues.last == oracle.utc(2024, 6, 12, 23, 5))
    }

    @Test(arguments: springDays + fallDays)
    func everyHourlyIssueHas24FutureTargets(day: OperatingDay) {
        for issue in rules.issueTimes(.hourly, from: day.adding(days: -1), through: day.adding(days: 1)) {
            let targets = rules.targetHours(.hourly, issueUTC: issue)
            #expect(targets.count == 24)
            #expect(targets.first!.utcStart >= issue && targets.first!.utcStart - issue < 3600)
            #expect(zip(targets, targets.dropFirst()).allSatisfy { $1.utcStart - $0.utcStart == 3600 })
        }
    }

    @Test func horizonIsHoursFromIssueToTargetStart() {
        let issue = oracle.utc(2024, 6, 12, 10, 5)
        let targets = rules.targetHours(.hourly, issueUTC: issue)
        #expect(targets[0].hourEnding == 12)
        #expect(abs(rules.horizonHours(issueUTC: issue, targetUTC: targets[0].utcStart) - 55.0 / 60) < 1e-12)
        let dayahead = rules.issueTimes(.dayahead, from: OperatingDay(year: 2024, month: 6, day: 11)!,
                                        through: OperatingDay(year: 2024, month: 6, day: 11)!)[0]
        #expect(rules.horizonHours(issueUTC: dayahead, targetUTC: rules.targetHours(.dayahead, issueUTC: dayahead)[0].utcStart) == 19)
    }

    @Test func knownTimesFollowTheRules() {
        let hour = MarketTimeZone.ercot.marketHour(containing: oracle.utc(2024, 11, 3, 9))  // HE 10 on fall-back day
        #expect(rules.damKnownAt(hour) == oracle.utc(2024, 11, 2, 13, 30))
        #expect(rules.rtKnownAt(hour) == oracle.utc(2024, 11, 3, 10, 15))
        let springHour = MarketTimeZone.ercot.marketHour(containing: oracle.utc(2024, 3, 11, 0))
        #expect(rules.damKnownAt(springHour) == oracle.utc(2024, 3, 10, 13, 30))
    }

    @Test func invalidSettingsNameTheKey() {
        #expect(throws: MarketRulesError(.valueOutOfRange, key: "rtPublicationLagMinutes", value: "-5",
                                         expected: "0…1440 (minutes after the hour ends)")) {
            try MarketRules(rtPublicationLagMinutes: -5)
        }
        do throws(MarketRulesError) {
            _ = try MarketRules(hourlyIssueMinute: 60)
            Issue.record("minute 60 accepted")
        } catch {
            #expect(error.key == "hourlyIssueMinute")
            #expect(error.description.contains("hourlyIssueMinute"))
        }
    }
}
