import Clocks
import DartConfig
import DartPublish
import DartRuntime
import DartTesting
import DartWorkspace
import Foundation
import Logging
import Testing
@testable import DartMonitoring

/// `dartcast serve` runs the monitoring service on the runtime's clock: scores, an alert, one notice.
@Suite struct ServeMonitoringTests {
    @Test(.timeLimit(.minutes(1))) func servedProcessScoresForecastsOpensAnAlertAndNotifiesOnce() async throws {
        let fixture = try await AlertTests.seeded()
        let json = """
            {"sql": {"enabled": true}, "output": {"write_sql": true, "notify": true},
             "notifications": {"enabled": true},
             "monitoring": {"rolling_mae_threshold": 1000, "worse_than_zero_days": 3, "interval_minutes": 60},
             "scheduling": {"jobs": {"daily_retrain": {"enabled": false}, "hourly_predict": {"enabled": false}}}}
            """
        let loaded = try #require(SettingsLoader.check(json: json).loaded)
        let start = MonitoringFixture.asOf(after: AlertTests.days[2])
        let passTimes = PassTimes(start: start, step: 0)
        let clock = TestClock<Duration>()
        let elapsed = ElapsedSeconds()
        let workspace = try Workspace(loaded: loaded, dataDirectory: fixture.dataDirectory, logger: Logger(label: "dartcast.tests.serve"),
                                      now: { Date(timeIntervalSince1970: TimeInterval(passTimes.next() + elapsed.value)) })
        // A notification channel registered like a shipped one: one type (RecordingNotifier), one entry.
        let notifier = RecordingNotifier(channel: "recording")
        let runtime = DartRuntime(workspace: workspace, clock: clock, registrations: .init(channels: [notifier.channelRegistration]))

        let (reports, continuation) = AsyncStream<Result<MonitoringReport, any Error>>.makeStream()
        var configuration = ServeRuntime.Configuration(server: loaded.settings.server, host: "127.0.0.1", port: 0)
        configuration.onMonitoringReport = { continuation.yield($0) }
        let serve = Task { try await ServeRuntime(runtime: runtime, configuration: configuration).run() }
        var iterator = reports.makeAsyncIterator()

        let first = try #require(await iterator.next()).get()
        #expect(first.asOfUTC == start)
        #expect(first.changedScoreRows > 0)
        #expect(first.openAlerts.map(\.kind) == [.worseThanZero])
        #expect(notifier.notices.count == 1)

        // An hour later on the test clock the service passes again: the alert stays open, no second notice.
        let nudger = Task {
            while !Task.isCancelled {
                elapsed.add(3600)
                await clock.advance(by: .seconds(3600))
                await Task.yield()
            }
        }
        let second = try #require(await iterator.next()).get()
        nudger.cancel()
        #expect(second.asOfUTC > start)
        #expect(second.openAlerts.map(\.kind) == [.worseThanZero])
        #expect(notifier.notices.count == 1)
        #expect(notifier.notices.first?.alert?.hasPrefix("[OPEN] worse_than_zero") == true)
        serve.cancel()
        _ = await serve.result
    }
}

/// Seconds the test clock has been advanced, added to `now`.
final class ElapsedSeconds: @unchecked Sendable {
    private let lock = NSLock()
    private var seconds: Int64 = 0
    var value: Int64 { lock.withLock { seconds } }
    func add(_ delta: Int64) { lock.withLock { seconds += delta } }
}
