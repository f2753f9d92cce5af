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
}
