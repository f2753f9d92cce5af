import DartConfig
import Testing
@testable import DartScheduler

/// Runs the scheduler for the duration of `body`, then cancels it and waits for `run()` to return.
func withRunningScheduler(_ harness: SchedulerHarness, _ body: () async throws -> Void) async throws {
    let service = Task { try await harness.scheduler.run() }
    do {
        try await body()
    } catch {
        service.cancel()
        _ = try? await service.value
        throw error
    }
    service.cancel()
    try await service.value
}

/// The scheduler advanced on a test clock across DST days fires exactly the slots the slot math promises.
@Suite(.timeLimit(.minutes(1))) struct SchedulerDSTTests {
    private func runThrough(_ harness: SchedulerHarness, expected: [Int64]) async throws {
        try await withRunningScheduler(harness) {
            for (index, slot) in expected.enumerated() {
                await harness.advance(toUTC: slot)
                await harness.waitForHandled(index + 1)
            }
        }
        // No other slot was claimed or recorded as skipped in between.
        #expect(try harness.store.claims().map(\.slotUTC) == expected)
    }

    @Test func fallBackDayRuns25DistinctHourlySlots() async throws {
        let harness = try SchedulerHarness(startUTC: utc("2025-11-02T05:00:00Z"), jobs: [job()])
        // 25 slots of 2025-11-02 (00:05 CDT … 23:05 CST), then 00:05 CST on the 3rd.
        let expected = (0..<26).map { utc("2025-11-02T05:05:00Z") + Int64($0) * 3600 }
        try await runThrough(harness, expected: expected)
        let calls = harness.calls.all
        #expect(calls.map(\.slotUTC) == expected)
        #expect(calls.map(\.calledAtUTC) == expected)
        #expect(Set(calls.prefix(25).map(\.slotUTC)).count == 25)
        // Both 01:05s ran: the CDT one at 06:05Z and the CST one at 07:05Z.
        #expect(calls[1].slotUTC == utc("2025-11-02T06:05:00Z") && calls[2].slotUTC == utc("2025-11-02T07:05:00Z"))
        #expect(harness.handledOutcomes.allSatisfy { $0 == .succeeded(attempts: 1) })
        #expect(try harness.store.claims().map(\.status) == Array(repeating: .succeeded, count: 26))
    }

    @Test func springForwardDayRuns23HourlySlots() async throws {
        let harness = try SchedulerHarness(startUTC: utc("2026-03-08T06:00:00Z"), jobs: [job()])
        // 23 slots of 2026-03-08 (00:05 CST, 01:05 CST, 03:05 CDT … 23:05 CDT), then 00:05 CDT on the 9th.
        let expected = (0..<24).map { utc("2026-03-08T06:05:00Z") + Int64($0) * 3600 }
        try await runThrough(harness, expected: expected)
        #expect(harness.calls.all.map(\.slotUTC) == expected)
        #expect(try harness.store.claims().count == 24)
    }

    @Test func daily0500RunsOncePerDayThroughBothTransitions() async throws {
        let retrain = job("daily_retrain", schedule: "daily at 05:00", maxLatenessMinutes: 180, retries: 2, deadlineMinutes: 120, retrain: true)
        let fall = try SchedulerHarness(startUTC: utc("2025-11-01T06:00:00Z"), jobs: [retrain])
        let fallSlots = [utc("2025-11-01T10:00:00Z"), utc("2025-11-02T11:00:00Z"), utc("2025-11-03T11:00:00Z")]
        try await runThrough(fall, expected: fallSlots)
        #expect(fall.calls.all.map(\.slotUTC) == fallSlots)
        #expect(fall.calls.all.allSatisfy { $0.retrain })

        let spring = try SchedulerHarness(startUTC: utc("2026-03-07T06:00:00Z"), jobs: [retrain])
        let springSlots = [utc("2026-03-07T11:00:00Z"), utc("2026-03-08T10:00:00Z"), utc("2026-03-09T10:00:00Z")]
        try await runThrough(spring, expected: springSlots)
        #expect(spring.calls.all.map(\.slotUTC) == springSlots)
    }

    @Test func dailyTimeInTheGapRunsOnceAtTheFirstInstantAfterIt() async throws {
        let harness = try SchedulerHarness(startUTC: utc("2026-03-08T06:00:00Z"), jobs: [job("gap", schedule: "daily at 02:30")])
        // 03:00 CDT on the 8th, then 02:30 CDT on the 9th.
        let expected = [utc("2026-03-08T08:00:00Z"), utc("2026-03-09T07:30:00Z")]
        try await runThrough(harness, expected: expected)
        #expect(harness.calls.all.map(\.slotUTC) == expected)
        #expect(harness.calls.all.map(\.calledAtUTC) == expected)
    }

    @Test func dailyTimeInTheRepeatedHourRunsOnceAtItsFirstOccurrence() async throws {
        let harness = try SchedulerHarness(startUTC: utc("2025-11-02T05:00:00Z"), jobs: [job("repeat", schedule: "daily at 01:30")])
        // 01:30 CDT on the 2nd (not 01:30 CST at 07:30Z), then 01:30 CST on the 3rd.
        let expected = [utc("2025-11-02T06:30:00Z"), utc("2025-11-03T07:30:00Z")]
        try await runThrough(harness, expected: expected)
        #expect(harness.calls.all.map(\.slotUTC) == expected)
    }
}
