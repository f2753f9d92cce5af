import Foundation
import Testing
@testable import DartCore

@Suite struct IssueTimeTests {
    let rules = MarketRules.ercot

    @Test func latestHourlyIssueIsTheLastFiveMinutesPastAtOrBefore() throws {
        // 14:27 CST on 2025-01-15 is 20:27Z: the 14:05 local issue (20:05Z).
        let issue = try #require(rules.latestIssue(.hourly, atOrBefore: UTCFormat.parse("2025-01-15T20:27:00Z")!))
        #expect(issue.description == "2025-01-15T20:05:00Z")
        // Exactly on an issue time: that issue.
        #expect(rules.latestIssue(.hourly, atOrBefore: issue.utc) == issue)
        // One second before: the hour before.
        #expect(rules.latestIssue(.hourly, atOrBefore: issue.utc - 1)?.description == "2025-01-15T19:05:00Z")
    }

    @Test func latestDayAheadIssueCrossesMidnightAndDST() throws {
        // 03:00 local on the spring-forward day: yesterday's 05:00 CST issue (11:00Z).
        let spring = try #require(rules.latestIssue(.dayahead, atOrBefore: UTCFormat.parse("2025-03-09T08:00:00Z")!))
        #expect(spring.description == "2025-03-08T11:00:00Z")
        // After 05:00 CDT that day: 10:00Z.
        #expect(rules.latestIssue(.dayahead, atOrBefore: UTCFormat.parse("2025-03-09T12:00:00Z")!)?.description == "2025-03-09T10:00:00Z")
    }

    @Test func encodesAsItsUTCSecondsAndOrdersByTime() throws {
        let early = IssueTime(utc: 100), late = IssueTime(utc: 200)
        #expect(early < late)
        #expect([late, early].sorted() == [early, late])
    }

    /// `ForecastRow.issueTimeUTC` is typed, but outbox copies keep the integer they always had.
    @Test func aForecastRowKeepsItsIssueAsUTCSecondsInJSON() throws {
        let row = ForecastRow(issueTimeUTC: IssueTime(utc: 1_730_541_600), targetHourUTC: 1_730_606_400, operatingDay: OperatingDay("2024-11-03")!,
                              hourEnding: 1, isRepeatedHour: true, settlementPoint: "HB_NORTH", product: "dayahead", modelFamily: "lightgbm",
                              modelVersion: "v1", prediction: 1.5, p10: nil, p50: 1.5, p90: nil)
        let json = String(decoding: try JSONEncoder().encode(row), as: UTF8.self)
        #expect(json.contains("\"issueTimeUTC\":1730541600"))
        #expect(try JSONDecoder().decode(ForecastRow.self, from: Data(json.utf8)) == row)
        #expect(row.key == "1730541600|1730606400|HB_NORTH|lightgbm|v1")
    }
}
