import DartCore
import Foundation
import Testing
@testable import DartMonitoring

@Suite struct ForecastScoringTests {
    static let points = ["HB_NORTH", "HB_WEST"]
    static let day1 = MonitoringFixture.day("2024-03-01")
    static let day2 = MonitoringFixture.day("2024-03-02")

    /// Day 1: DART 3 everywhere, lightgbm says 1 (error 2, zero error 3). Day 2: DART −2, lightgbm
    /// says 0 (error 2, zero error 2). The ensemble is exact on both days.
    static func seeded() async throws -> MonitoringFixture {
        let fixture = try MonitoringFixture()
        try fixture.writePrices(days: [day1, day2, day2.adding(days: 1)], points: points) { _, hour in
            hour.operatingDay == day1 ? 3 : -2
        }
        try await fixture.publish(day: day1, points: points) { _, _ in 1 }
        try await fixture.publish(day: day2, points: points) { _, _ in 0 }
        try await fixture.publish(day: day1, points: points, family: "ensemble", version: "e1") { _, _ in 3 }
        try await fixture.publish(day: day2, points: points, family: "ensemble", version: "e1") { _, _ in -2 }
        return fixture
    }

    @Test func dailyAndRollingMAEMatchAHandComputation() async throws {
        let fixture = try await Self.seeded()
        let report = try await fixture.pass().run(asOfUTC: MonitoringFixture.asOf(after: Self.day2))
        #expect(report.lastCompleteDay == Self.day2)
        let lightgbm = report.rescoredDays.filter { $0.family == "lightgbm" }
        #expect(lightgbm.map(\.day) == [Self.day1, Self.day2])
        #expect(lightgbm.map(\.rows) == [48, 48])
        #expect(lightgbm.map(\.mae) == [2, 2])
        #expect(lightgbm.map(\.zeroMAE) == [3, 2])
        #expect(lightgbm.map(\.coveredRows) == [48, 48])  // band ±5 holds every actual

        let weekly = try #require(report.rolling.first { $0.family == "lightgbm" && $0.version == nil && $0.windowDays == 7 })
        #expect(weekly.rows == 96)
        #expect(weekly.mae == 2)
        #expect(weekly.zeroMAE == 2.5)
        #expect(weekly.skill == 0.8)
        let ensemble = try #require(report.rolling.first { $0.family == "ensemble" && $0.version == nil && $0.windowDays == 30 })
        #expect(ensemble.mae == 0)
        #expect(ensemble.skill == 0)
    }

    @Test func onlyForecastsIssuedAndPricesKnownByTheAsOfTimeAreScored() async throws {
        let fixture = try await Self.seeded()
        // A forecast for day 1 issued after the as-of time must not count.
        let asOf = MonitoringFixture.asOf(after: Self.day1)
        try await fixture.publish(day: Self.day1, points: Self.points, family: "xgboost", version: "late", issueUTC: asOf + 60) { _, _ in 100 }
        let report = try await fixture.pass().run(asOfUTC: asOf)
        #expect(report.lastCompleteDay == Self.day1)
        #expect(!report.rescoredDays.contains { $0.family == "xgboost" })
        // Day 2's prices are in the store but not known yet at this as-of time.
        #expect(report.rescoredDays.allSatisfy { $0.day == Self.day1 })
    }

    @Test func rescoringTheSameDaysChangesNothing() async throws {
        let fixture = try await Self.seeded()
        let asOf = MonitoringFixture.asOf(after: Self.day2)
        let first = try await fixture.pass().run(asOfUTC: asOf)
        #expect(first.changedScoreRows == 4)
        let stored = try fixture.store().dailyScores(from: Self.day1, through: Self.day2)
        let second = try await fixture.pass().run(asOfUTC: asOf)
        #expect(second.changedScoreRows == 0)
        #expect(try fixture.store().dailyScores(from: Self.day1, through: Self.day2) == stored)
        #expect(stored.count == 4)
    }

    @Test func scorerSkipsHoursWithoutRealizedDART() {
        let scorer = ForecastScorer(zone: .ercot)
        let hour = MarketTimeZone.ercot.startOfDayUTC(Self.day1)
        let forecasts = [
            PublishedForecast(issueUTC: hour - 86_400, targetUTC: hour, point: "HB_NORTH", product: "dayahead", family: "mlp", version: "m", p50: 4),
            PublishedForecast(issueUTC: hour - 86_400, targetUTC: hour + 3600, point: "HB_NORTH", product: "dayahead", family: "mlp", version: "m", p50: 4),
        ]
        let scores = scorer.score(forecasts, realized: [RealizedDART.key(point: "HB_NORTH", hourUTC: hour): -1])
        #expect(scores.count == 1)
        #expect(scores[0].rows == 1)
        #expect(scores[0].absoluteErrorSum == 5)
        #expect(scores[0].absoluteActualSum == 1)
        #expect(scores[0].isWorseThanZero)
    }
}
