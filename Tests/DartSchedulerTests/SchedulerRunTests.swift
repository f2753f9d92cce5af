import DartConfig
import Logging
import ServiceLifecycle
import Testing
@testable import DartScheduler

struct PlannedFailure: Error, CustomStringConvertible {
    let attempt: Int
    var description: String { "planned failure of attempt \(attempt)" }
}

/// Overlap, manual triggers, retries, deadlines, shutdown and operator switches.
@Suite(.timeLimit(.minutes(1))) struct SchedulerRunTests {
    let slot1405 = utc("2026-06-10T14:05:00Z")

    @Test func aTriggerWhileTheJobRunsIsSkippedAndRecordedAsOverlap() async throws {
        let latch = Latch()
        let slot = slot1405
        let harness = try SchedulerHarness(startUTC: utc("2026-06-10T14:00:00Z"), jobs: [job(overlap: .skip)]) { call in
            if call.slotUTC == slot { await latch.wait() }
        }
        try await withRunningScheduler(harness) {
            await harness.advance(toUTC: slot)
            await harness.calls.wait(forCount: 1)
            let outcome = try await harness.scheduler.trigger(job: "hourly_predict")
            #expect(outcome == .skippedOverlap)
            // The next scheduled slot comes while 14:05 still runs: skipped as well.
            await harness.advance(toUTC: utc("2026-06-10T15:05:00Z"))
            await harness.waitForHandled(2)
            await latch.open()
            await harness.waitForHandled(3)
        }
        #expect(harness.calls.all.map(\.slotUTC) == [slot])
        let claims = try harness.store.claims()
        #expect(claims.map(\.kind) == [.scheduled, .manual, .scheduled])
        #expect(claims.map(\.slotUTC) == [slot, slot, utc("2026-06-10T15:05:00Z")])  // the manual slot is the trigger time
        #expect(claims.map(\.status) == [.succeeded, .skipped, .skipped])
        #expect(claims.map(\.reason) == [nil, "overlap", "overlap"])
    }

    @Test func withQueueATriggerRunsAfterTheCurrentRunFinishes() async throws {
        let latch = Latch()
        let timeline = WaitableLog<String>()
        let slot = slot1405
        let harness = try SchedulerHarness(startUTC: utc("2026-06-10T14:00:00Z"), jobs: [job(overlap: .queue)]) { call in
            timeline.append("start \(call.slotUTC)")
            if call.slotUTC == slot { await latch.wait() }
            timeline.append("end \(call.slotUTC)")
        }
        var triggerSlot: Int64 = 0
        try await withRunningScheduler(harness) {
            await harness.advance(toUTC: slot + 120)  // the 14:05 run is still busy at 14:07
            await harness.calls.wait(forCount: 1)
            triggerSlot = harness.nowUTC
            let outcome = try await harness.scheduler.trigger(job: "hourly_predict", retrain: true)
            #expect(outcome == .queued)
            await latch.open()
            await harness.waitForHandled(3)  // queued, 14:05 succeeded, manual succeeded
        }
        #expect(triggerSlot == slot + 120)
        #expect(timeline.all == ["start \(slot)", "end \(slot)", "start \(triggerSlot)", "end \(triggerSlot)"])
        #expect(harness.calls.all.map(\.retrain) == [false, true])
        let manual = try #require(try harness.store.claims().first { $0.kind == .manual })
        #expect(manual.slotUTC == triggerSlot && manual.status == .succeeded)
    }

    @Test func differentJobsRunConcurrently() async throws {
        let latch = Latch()
        let harness = try SchedulerHarness(startUTC: utc("2026-06-10T09:59:00Z"), jobs: [
            job("daily_retrain", schedule: "daily at 05:00", maxLatenessMinutes: 180, deadlineMinutes: 120),
            job("hourly_predict", schedule: "hourly at :05"),
        ]) { call in
            if call.job == "daily_retrain" { await latch.wait() }
        }
        try await withRunningScheduler(harness) {
            await harness.advance(toUTC: utc("2026-06-10T10:00:00Z"))
            await harness.calls.wait(forCount: 1)
            // The retrain is still running when the hourly slot comes; the hourly run is not held up.
            await harness.advance(toUTC: utc("2026-06-10T10:05:00Z"))
            await harness.waitForHandled(1, job: "hourly_predict")
            #expect(harness.handledOutcomes == [.succeeded(attempts: 1)])
            await latch.open()
            await harness.waitForHandled(1, job: "daily_retrain")
        }
        #expect(harness.calls.all.map(\.job) == ["daily_retrain", "hourly_predict"])
    }

    @Test func failingTwiceThenSucceedingIsCalledThreeTimesWithBackoffOnTheClock() async throws {
        let harness = try SchedulerHarness(
            startUTC: slot1405, jobs: [job(retries: 2)],
            configuration: Scheduler.Configuration(retryBaseDelay: .seconds(30), retryMaxDelay: .seconds(600), recheckInterval: .seconds(86_400))
        ) { call in
            if call.attempt < 3 { throw PlannedFailure(attempt: call.attempt) }
        }
        try await withRunningScheduler(harness) {
            await harness.calls.wait(forCount: 1)
            // One second at a time until the third attempt; the test's time limit ends a runaway loop.
            while harness.calls.all.count < 3 && !Task.isCancelled {
                await harness.advance(by: .seconds(1))
            }
            await harness.waitForHandled(1)
        }
        let calls = harness.calls.all
        #expect(calls.map(\.attempt) == [1, 2, 3])
        try #require(calls.count == 3, "the indexing below needs three calls")
        #expect(calls.allSatisfy { $0.slotUTC == slot1405 })
        // Backoff waited on the test clock: 30 s, then 60 s.
        #expect(calls[1].calledAtUTC - calls[0].calledAtUTC >= 30)
        #expect(calls[2].calledAtUTC - calls[1].calledAtUTC >= 60)
        #expect(harness.handledOutcomes == [.succeeded(attempts: 3)])
        let claim = try #require(try harness.store.claims().first)
        #expect(claim.status == .succeeded && claim.attempts == 3)
    }

    @Test func retryDelayDoublesUpToTheMaximum() throws {
        let harness = try SchedulerHarness(startUTC: slot1405, jobs: [job()],
                                           configuration: Scheduler.Configuration(retryBaseDelay: .seconds(30), retryMaxDelay: .seconds(100)))
        #expect((1...4).map { harness.scheduler.retryDelay(afterAttempt: $0) } == [.seconds(30), .seconds(60), .seconds(100), .seconds(100)])
    }

    @Test func exhaustedRetriesRecordTheSlotAsFailedWithTheLastError() async throws {
        let harness = try SchedulerHarness(startUTC: slot1405, jobs: [job(retries: 1)]) { call in
            throw PlannedFailure(attempt: call.attempt)
        }
        try await withRunningScheduler(harness) {
            await harness.calls.wait(forCount: 1)
            while harness.handledOutcomes.isEmpty && !Task.isCancelled {
                await harness.advance(by: .seconds(1))
            }
            await harness.waitForHandled(1)
        }
        #expect(harness.calls.all.map(\.attempt) == [1, 2])
        #expect(harness.handledOutcomes == [.failed(attempts: 2, message: "planned failure of attempt 2")])
        let claim = try #require(try harness.store.claims().first)
        #expect(claim.status == .failed && claim.reason == "planned failure of attempt 2")
    }

    @Test func deadlineAlertFiresOnceWhenTheRunOutlastsIt() async throws {
        let latch = Latch()
        let retrain = job("daily_retrain", schedule: "daily at 05:00", maxLatenessMinutes: 180, retries: 0, deadlineMinutes: 45)
        let harness = try SchedulerHarness(startUTC: utc("2026-06-10T09:59:00Z"), jobs: [retrain]) { _ in await latch.wait() }
        let slot = utc("2026-06-10T10:00:00Z")  // 05:00 CDT
        try await withRunningScheduler(harness) {
            await harness.advance(toUTC: slot)
            await harness.calls.wait(forCount: 1)
            await harness.advance(toUTC: slot + 44 * 60)
            #expect(harness.alerts.all.isEmpty)
            await harness.advance(toUTC: slot + 45 * 60)
            await harness.alerts.wait(forCount: 1)
            await harness.advance(toUTC: slot + 3 * 3600)
            await latch.open()
            await harness.waitForHandled(1)
        }
        #expect(harness.alerts.all == [DeadlineAlert(job: "daily_retrain", slotUTC: slot, kind: .scheduled,
                                                     deadlineUTC: utc("2026-06-10T10:45:00Z"), attempt: 1)])
        let claim = try #require(try harness.store.claims().first)
        #expect(claim.deadlineAlerted && claim.status == .succeeded)
    }

    @Test func cancellingTheServiceLetsTheRunningSlotFinish() async throws {
        let latch = Latch()
        let harness = try SchedulerHarness(startUTC: utc("2026-06-10T14:04:00Z"), jobs: [job()]) { _ in await latch.wait() }
        let service = Task { try await harness.scheduler.run() }
        await harness.advance(toUTC: slot1405)
        await harness.calls.wait(forCount: 1)
        service.cancel()
        await latch.open()
        try await service.value
        // run() returned only after the run was recorded.
        #expect(try harness.store.claims().map(\.status) == [.succeeded])
    }

    @Test func aRunnerThrowingCancellationLeavesTheSlotInterruptedWithoutRetry() async throws {
        let latch = Latch()
        let harness = try SchedulerHarness(startUTC: utc("2026-06-10T14:04:00Z"), jobs: [job(retries: 3)]) { _ in
            await withTaskCancellationHandler { await latch.wait() } onCancel: { Task { await latch.open() } }
            try Task.checkCancellation()
        }
        let service = Task { try await harness.scheduler.run() }
        await harness.advance(toUTC: slot1405)
        await harness.calls.wait(forCount: 1)
        service.cancel()
        try await service.value
        #expect(harness.calls.all.count == 1)
        let claim = try #require(try harness.store.claims().first)
        #expect(claim.status == .interrupted && claim.attempts == 1)
        #expect(harness.handledOutcomes == [.interrupted(attempts: 1)])
    }

    @Test func gracefulShutdownStopsSchedulingButDoesNotCancelTheRunningSlot() async throws {
        let latch = Latch()
        let sawCancellation = WaitableLog<Bool>()
        let harness = try SchedulerHarness(startUTC: utc("2026-06-10T14:04:00Z"), jobs: [job()]) { _ in
            await latch.wait()
            sawCancellation.append(Task.isCancelled)
        }
        let group = ServiceGroup(configuration: .init(services: [harness.scheduler], logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }))
        let running = Task { try await group.run() }
        await harness.advance(toUTC: slot1405)
        await harness.calls.wait(forCount: 1)
        await group.triggerGracefulShutdown()
        await latch.open()
        try await running.value
        #expect(sawCancellation.all == [false])
        #expect(try harness.store.claims().map(\.status) == [.succeeded])
    }

    /// SIGTERM while a failed slot waits out its retry backoff: the retry never starts.
    @Test(.timeLimit(.minutes(1))) func gracefulShutdownDuringARetryBackoffStartsNoRetry() async throws {
        let harness = try SchedulerHarness(startUTC: utc("2026-06-10T14:04:00Z"), jobs: [job(retries: 2)]) { call in
            throw PlannedFailure(attempt: call.attempt)
        }
        let group = ServiceGroup(configuration: .init(services: [harness.scheduler], logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }))
        let running = Task { try await group.run() }
        await harness.advance(toUTC: slot1405)
        await harness.calls.wait(forCount: 1)
        await group.triggerGracefulShutdown()
        // Past the 30 s backoff: without the drain check the retry would start now.
        await harness.advance(by: .seconds(120))
        try await running.value
        #expect(harness.calls.all.map(\.attempt) == [1])
        let claim = try #require(try harness.store.claims().first)
        #expect(claim.status == .interrupted && claim.attempts == 1)
    }

    @Test func aDisabledJobDoesNotRunAndReEnablingDoesNotCatchUpItsPause() async throws {
        let harness = try SchedulerHarness(startUTC: utc("2026-06-10T14:00:00Z"), jobs: [job()],
                                           configuration: Scheduler.Configuration(recheckInterval: .seconds(600)))
        try harness.scheduler.setEnabled(job: "hourly_predict", enabled: false)
        #expect(try harness.scheduler.jobStatuses().map(\.isActive) == [false])
        try await withRunningScheduler(harness) {
            await harness.waitForSleeps(1)
            #expect(harness.events.all.first == .sleeping(untilUTC: nil))
            await harness.advance(toUTC: utc("2026-06-10T16:00:00Z"))
            try harness.scheduler.setEnabled(job: "hourly_predict", enabled: true)
            // Noticed at the latest at the next re-check (16:10), within the slot's lateness.
            await harness.advance(toUTC: utc("2026-06-10T16:10:00Z"))
            await harness.waitForHandled(1)
        }
        // 14:05 and 15:05 passed while the job was off: neither run nor recorded.
        #expect(harness.calls.all.map(\.slotUTC) == [utc("2026-06-10T16:05:00Z")])
        #expect(try harness.store.claims().map(\.slotUTC) == [utc("2026-06-10T16:05:00Z")])
        // The switch is persisted: a new scheduler on the same file sees it.
        try harness.scheduler.setEnabled(job: "hourly_predict", enabled: false)
        let reopened = try SchedulerHarness(startUTC: utc("2026-06-10T18:00:00Z"), jobs: [job()], statePath: harness.statePath)
        #expect(try reopened.scheduler.jobStatuses().first?.operatorEnabled == false)
    }

    @Test func upcomingSlotsGiveLocalAndUTCTextForScheduleNext() throws {
        let harness = try SchedulerHarness(startUTC: utc("2025-11-02T05:30:00Z"), jobs: [job()])
        let next = try harness.scheduler.upcomingSlots(job: "hourly_predict", count: 2)
        #expect(next.map(\.description) == ["2025-11-02 01:05 -05:00 (2025-11-02T06:05:00Z)", "2025-11-02 01:05 -06:00 (2025-11-02T07:05:00Z)"])
        let from = try harness.scheduler.upcomingSlots(job: "hourly_predict", count: 1, after: utc("2026-03-08T07:30:00Z"))
        #expect(from.map(\.localText) == ["2026-03-08 03:05 -05:00"])
        #expect(throws: SchedulerError.self) { try harness.scheduler.upcomingSlots(job: "hourly_predict", count: 0) }
    }

    @Test func unknownJobsAreRejectedNamingTheConfiguredOnes() async throws {
        let harness = try SchedulerHarness(startUTC: slot1405, jobs: [job()])
        do {
            _ = try await harness.scheduler.trigger(job: "weekly_report")
            Issue.record("an unknown job must be rejected")
        } catch {
            #expect(error.code == .unknownJob)
            #expect(error.description.contains("hourly_predict"))
        }
        #expect(throws: SchedulerError.self) { try harness.scheduler.setEnabled(job: "weekly_report", enabled: false) }
    }
}
