import DartTesting
import DartCore
import Foundation
import Testing
@testable import DartMonitoring

@Suite struct AlertTests {
    static let points = ["HB_NORTH"]
    static let days = (0..<5).map { MonitoringFixture.day("2024-04-01").adding(days: $0) }

    /// DART 2 every hour; lightgbm forecasts −3 (worse than zero: 5 > 2) on the first three
    /// days and 1.5 (better: 0.5 < 2) after.
    static func seeded() async throws -> MonitoringFixture {
        let fixture = try MonitoringFixture()
        try fixture.writePrices(days: days + [days.last!.adding(days: 1)], points: points) { _, _ in 2 }
        for (index, day) in days.enumerated() {
            try await fixture.publish(day: day, points: points) { _, _ in index < 3 ? -3 : 1.5 }
        }
        return fixture
    }

    @Test func worseThanZeroFiresOnDayNAndResolves() async throws {
        let fixture = try await Self.seeded()
        let notifier = RecordingNotifier(channel: "teams")
        var openAfterDay: [Int] = []
        for (index, day) in Self.days.enumerated() {
            let report = try await fixture.pass(notifiers: [notifier]).run(asOfUTC: MonitoringFixture.asOf(after: day))
            openAfterDay.append(report.openAlerts.filter { $0.kind == .worseThanZero }.count)
            if index == 2 {
                let alert = try #require(report.alertChanges.opened.first)
                #expect(alert.subject == "dayahead/lightgbm")
                #expect(alert.value == 3)
                #expect(alert.threshold == 3)
            }
            if index == 3 { #expect(report.alertChanges.resolved.map(\.kind) == [.worseThanZero]) }
        }
        #expect(openAfterDay == [0, 0, 1, 0, 0])
        // One notice when it opened, one when it resolved.
        #expect(notifier.notices.count == 2)
        #expect(notifier.notices[0].alert?.hasPrefix("[OPEN] worse_than_zero") == true)
        #expect(notifier.notices[1].alert?.hasPrefix("[RESOLVED] worse_than_zero") == true)
        #expect(notifier.notices.allSatisfy { $0.outcome == .alert })
    }

    @Test func anOpenAlertIsNotNotifiedAgainOnLaterPasses() async throws {
        let fixture = try await Self.seeded()
        let notifier = RecordingNotifier(channel: "slack")
        let asOf = MonitoringFixture.asOf(after: Self.days[2])
        for hour in 0..<5 {
            let report = try await fixture.pass(notifiers: [notifier]).run(asOfUTC: asOf + Int64(hour) * 3600)
            #expect(report.openAlerts.count == 1)
        }
        #expect(notifier.notices.count == 1)
        let alerts = try fixture.store().alerts()
        #expect(alerts.count == 1)
        #expect(alerts[0].firstSeenUTC == asOf)
        #expect(alerts[0].lastSeenUTC == asOf + 4 * 3600)
    }

    @Test func aFailingNotifierDoesNotBreakThePassAndIsRetriedAlone() async throws {
        let fixture = try await Self.seeded()
        let broken = RecordingNotifier(channel: "webhook", failing: true)
        let working = RecordingNotifier(channel: "email")
        let asOf = MonitoringFixture.asOf(after: Self.days[2])
        let report = try await fixture.pass(notifiers: [broken, working]).run(asOfUTC: asOf)
        #expect(report.openAlerts.count == 1)
        #expect(report.notices.sent == 1)
        #expect(report.notices.failures.count == 1)
        #expect(report.notices.failures[0].contains("HTTP 503"))
        let stored = try #require(try fixture.store().openAlerts().first)
        #expect(stored.notifiedAtUTC == nil)
        #expect(stored.notifyError?.contains("webhook") == true)

        broken.failing = false
        _ = try await fixture.pass(notifiers: [broken, working]).run(asOfUTC: asOf + 3600)
        #expect(broken.notices.count == 1)
        #expect(working.notices.count == 1)  // not sent twice
        #expect(try fixture.store().openAlerts().first?.notifiedAtUTC == asOf + 3600)
    }

    @Test func rollingMAEAboveTheThresholdOpensAnAlert() async throws {
        let fixture = try MonitoringFixture(monitoring: "\"rolling_mae_threshold\": 4, \"worse_than_zero_days\": 30")
        let day = MonitoringFixture.day("2024-04-01")
        try fixture.writePrices(days: [day, day.adding(days: 1)], points: Self.points) { _, _ in 2 }
        try await fixture.publish(day: day, points: Self.points) { _, _ in -3 }
        let report = try await fixture.pass().run(asOfUTC: MonitoringFixture.asOf(after: day))
        let alert = try #require(report.openAlerts.first)
        #expect(alert.kind == .rollingMAE)
        #expect(alert.value == 5)
        #expect(alert.threshold == 4)
        #expect(alert.message.contains("dayahead/lightgbm"))
    }
}
