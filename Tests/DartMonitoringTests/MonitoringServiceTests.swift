import Clocks
import DartCore
import DartPrometheus
import Foundation
import Testing
@testable import DartMonitoring

@Suite struct MonitoringServiceTests {
    @Test func runsAPassAtStartAndAnotherAfterEachInterval() async throws {
        let fixture = try await ForecastScoringTests.seeded()
        let clock = TestClock<Duration>()
        let start = MonitoringFixture.asOf(after: ForecastScoringTests.day2)
        let passClock = PassTimes(start: start, step: 3600)
        let (reports, continuation) = AsyncStream<Result<MonitoringReport, any Error>>.makeStream()
        let service = MonitoringService(
            pass: try fixture.pass(), clock: clock, interval: .seconds(3600),
            now: { passClock.next() },
            logger: fixture.workspace.logger, onReport: { continuation.yield($0) })
        let task = Task { try await service.run() }
        var iterator = reports.makeAsyncIterator()

        let first = try #require(await iterator.next()).get()
        #expect(first.asOfUTC == start)
        #expect(first.changedScoreRows == 4)
        // The service sleeps one interval after its first pass; advance the test clock by an
        // interval at a time until it wakes (it may not be asleep yet at the first advance).
        let nudger = Task { while !Task.isCancelled { await clock.advance(by: .seconds(3600)); await Task.yield() } }
        let second = try #require(await iterator.next()).get()
        nudger.cancel()
        #expect(second.asOfUTC == start + 3600)
        #expect(second.changedScoreRows == 0)
        task.cancel()
        _ = await task.result
    }

    @Test func metricsListRollingMAESkillAndOpenAlerts() async throws {
        let fixture = try await ForecastScoringTests.seeded()
        _ = try await fixture.pass().run(asOfUTC: MonitoringFixture.asOf(after: ForecastScoringTests.day2))
        var scrape = MetricsScrape()
        try MonitoringMetrics(workspace: fixture.workspace).write(into: &scrape)
        #expect(scrape.problems.isEmpty)
        // Through the registry the server serves; it writes gauge values as Doubles (2.0, not 2).
        let text = ScrapeRegistry().publish(scrape)
        #expect(text.contains("# TYPE dartcast_rolling_mae gauge"))
        #expect(text.contains("dartcast_rolling_mae{product=\"dayahead\",family=\"lightgbm\",window_days=\"7\"} 2.0\n"))
        #expect(text.contains("dartcast_rolling_zero_mae{product=\"dayahead\",family=\"lightgbm\",window_days=\"30\"} 2.5\n"))
        #expect(text.contains("dartcast_skill_vs_zero{product=\"dayahead\",family=\"lightgbm\",window_days=\"7\"} 0.8\n"))
        #expect(text.contains("dartcast_skill_vs_zero{product=\"dayahead\",family=\"ensemble\",window_days=\"7\"} 0.0\n"))
        #expect(text.contains("dartcast_open_alerts{kind=\"worse_than_zero\"} 0.0\n"))
    }
}

/// As-of times handed to successive passes: `start`, `start + step`, …
final class PassTimes: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Int64
    private let step: Int64
    init(start: Int64, step: Int64) {
        value = start
        self.step = step
    }
    func next() -> Int64 { lock.withLock { defer { value += step }; return value } }
}
