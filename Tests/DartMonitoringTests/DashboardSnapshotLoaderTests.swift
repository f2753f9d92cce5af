import DartCore
import DartReports
import Foundation
import Testing
@testable import DartMonitoring

@Suite struct DashboardSnapshotLoaderTests {
    @Test func loadsSchedulesForecastsScoresAndAlertsFromTheStores() async throws {
        let fixture = try await AlertTests.seeded()
        let day = AlertTests.days[2]
        let asOf = MonitoringFixture.asOf(after: day)  // 06:00 CDT on the next day
        _ = try await fixture.pass().run(asOfUTC: asOf)
        let snapshot = DashboardSnapshotLoader(workspace: fixture.workspace).load(now: Date(timeIntervalSince1970: TimeInterval(asOf)))
        #expect(snapshot.problems.isEmpty, "\(snapshot.problems)")

        // Default jobs: the next 05:00 daily run and the next :05 hourly run, local and UTC.
        let daily = try #require(snapshot.schedules.first { $0.job == "daily_retrain" })
        #expect(daily.nextRuns.first == .init(local: "\(day.adding(days: 2)) 05:00 -05:00", utc: "\(day.adding(days: 2))T10:00:00Z"))
        let hourly = try #require(snapshot.schedules.first { $0.job == "hourly_predict" })
        #expect(hourly.nextRuns.first == .init(local: "\(day.adding(days: 1)) 06:05 -05:00", utc: "\(day.adding(days: 1))T11:05:00Z"))

        // The latest issue (for the last published day, not yet realized).
        let latest = try #require(snapshot.forecasts.first)
        #expect(latest.caption == "Latest")
        #expect(latest.points.map(\.point) == AlertTests.points)
        #expect(latest.points[0].hours.count == 24)
        // The newest issue whose hours all have realized prices: the forecast for `day`, with DART 2 everywhere.
        let realized = try #require(snapshot.forecasts.first { $0.caption == "Latest with realized DART" })
        #expect(realized.points[0].hours.allSatisfy { $0.realized == 2 && $0.p50 == -3 })
        #expect(realized.points[0].hours.first?.label == "HE1")

        #expect(snapshot.alerts.map(\.kind) == ["worse_than_zero"])
        #expect(snapshot.alerts.first?.notified == false)  // no channel in this workspace
        let weekly = try #require(snapshot.scores.first { $0.family == "lightgbm" && $0.windowDays == 7 })
        #expect(weekly.mae == 5)
        #expect(weekly.zeroMAE == 2)
        #expect(snapshot.models.isEmpty && snapshot.runs.isEmpty && snapshot.pendingDeliveries.isEmpty)
    }

    @Test func anUnreadableSectionIsReportedAndTheRestStillLoads() throws {
        let fixture = try MonitoringFixture()
        // A prediction "database" that is not SQLite.
        try Data("not a database".utf8).write(to: fixture.dataDirectory.appendingPathComponent("predictions.sqlite"))
        let snapshot = DashboardSnapshotLoader(workspace: fixture.workspace).load(now: Date(timeIntervalSince1970: 1_730_000_000))
        #expect(snapshot.problems.count == 1)
        #expect(snapshot.problems.first?.hasPrefix("latest forecast: cannot read forecasts from sqlite://") == true)
        #expect(snapshot.schedules.count == 3)  // the default jobs, ercot_fetch (off) included
        #expect(DashboardPage.render(snapshot).contains("id=\"problems\""))
    }
}
