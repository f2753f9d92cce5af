import DartConfig
import DartCore
import Testing
@testable import DartScheduler

/// Downtime, catch-up policies and crash recovery.
@Suite(.timeLimit(.minutes(1))) struct SchedulerCatchUpTests {
    /// Runs the 14:05Z slot with a first scheduler (default policies, so its first start catches
    /// nothing up), stops it, and returns its state file.
    private func stateAfterRunning1405() async throws -> String {
        let first = try SchedulerHarness(startUTC: utc("2026-06-10T14:00:00Z"), jobs: [job()])
        try await withRunningScheduler(first) {
            await first.advance(toUTC: utc("2026-06-10T14:05:00Z"))
            await first.waitForHandled(1)
        }
        #expect(first.calls.all.map(\.slotUTC) == [utc("2026-06-10T14:05:00Z")])
        return first.statePath
    }

    /// Restarts after six hours and ten minutes of downtime (slots 15:05 … 20:05 missed) and
    /// returns the restarted harness once its catch-up runs have finished.
    private func restartAfterDowntime(_ hourly: JobSettings, expectedRuns: Int) async throws -> SchedulerHarness {
        let path = try await stateAfterRunning1405()
        let restarted = try SchedulerHarness(startUTC: utc("2026-06-10T20:15:00Z"), jobs: [hourly], statePath: path)
        try await withRunningScheduler(restarted) {
            await restarted.waitForSleeps(1)
            await restarted.waitForHandled(expectedRuns)
        }
        return restarted
    }

    private func skipped(_ harness: SchedulerHarness) throws -> [(String, String?)] {
        try harness.store.claims().filter { $0.status == .skipped }.map { (utcHourMinute($0.slotUTC), $0.reason) }
    }

    private func utcHourMinute(_ seconds: Int64) -> String { String(UTCFormat.iso8601(seconds).dropFirst(11).prefix(5)) }

    @Test func latestRunsOnlyTheMostRecentMissedSlot() async throws {
        let restarted = try await restartAfterDowntime(job(catchUp: .latest, maxLatenessMinutes: 50), expectedRuns: 1)
        #expect(restarted.calls.all.map(\.slotUTC) == [utc("2026-06-10T20:05:00Z")])
        #expect(restarted.calls.all.map(\.calledAtUTC) == [utc("2026-06-10T20:15:00Z")])
        let skips = try skipped(restarted)
        #expect(skips.map(\.0) == ["15:05", "16:05", "17:05", "18:05", "19:05"])
        #expect(skips.allSatisfy { $0.1 == "missed" })
        #expect(try restarted.store.jobState("hourly_predict")?.lastSlotUTC == utc("2026-06-10T20:05:00Z"))
    }

    @Test func latestSkipsSlotsWithinLatenessItDoesNotRunAsCatchUp() async throws {
        let restarted = try await restartAfterDowntime(job(catchUp: .latest, maxLatenessMinutes: 600), expectedRuns: 1)
        #expect(restarted.calls.all.map(\.slotUTC) == [utc("2026-06-10T20:05:00Z")])
        #expect(try skipped(restarted).allSatisfy { $0.1 == "catch_up" })
        #expect(try skipped(restarted).count == 5)
    }

    @Test func allRunsUpToMaxOldestFirstWithinLateness() async throws {
        // Lateness 4 h at 20:15: 15:05 and 16:05 are too old; 17:05, 18:05, 19:05 run; 20:05 exceeds the max of 3.
        let restarted = try await restartAfterDowntime(job(catchUp: .all, catchUpMax: 3, maxLatenessMinutes: 240), expectedRuns: 3)
        #expect(restarted.calls.all.map(\.slotUTC) == [utc("2026-06-10T17:05:00Z"), utc("2026-06-10T18:05:00Z"), utc("2026-06-10T19:05:00Z")])
        let skips = try skipped(restarted)
        #expect(skips.map(\.0) == ["15:05", "16:05", "20:05"])
        #expect(skips.map(\.1) == ["missed", "missed", "catch_up"])
    }

    @Test func noneRunsNothingAndRecordsEverySlotAsSkipped() async throws {
        let path = try await stateAfterRunning1405()
        let restarted = try SchedulerHarness(startUTC: utc("2026-06-10T20:15:00Z"), jobs: [job(catchUp: .none)], statePath: path)
        try await withRunningScheduler(restarted) {
            await restarted.waitForSleeps(1)
            // The next slot still runs on time.
            await restarted.advance(toUTC: utc("2026-06-10T21:05:00Z"))
            await restarted.waitForHandled(1)
        }
        #expect(restarted.calls.all.map(\.slotUTC) == [utc("2026-06-10T21:05:00Z")])
        let skips = try skipped(restarted)
        #expect(skips.map(\.0) == ["15:05", "16:05", "17:05", "18:05", "19:05", "20:05"])
        #expect(skips.map(\.1) == ["missed", "missed", "missed", "missed", "missed", "catch_up"])
    }

    @Test(arguments: [false, true])
    func aSlotClaimedBeforeACrashIsNeverRunAgain(attemptHadStarted: Bool) async throws {
        let path = temporaryStatePath()
        let crashed = try SchedulerStateStore(path: path)
        let slot = utc("2026-06-10T14:05:00Z")
        let claimID = try #require(try crashed.claim(job: "hourly_predict", slotUTC: slot, kind: .scheduled, nowUTC: slot))
        if attemptHadStarted { try crashed.markAttemptStarted(claimID: claimID, attempt: 1, nowUTC: slot) }

        let restarted = try SchedulerHarness(startUTC: utc("2026-06-10T14:06:00Z"), jobs: [job()], statePath: path)
        try await withRunningScheduler(restarted) {
            await restarted.waitForSleeps(1)
            await restarted.advance(toUTC: utc("2026-06-10T15:05:00Z"))
            await restarted.waitForHandled(1)
        }
        #expect(restarted.calls.all.map(\.slotUTC) == [utc("2026-06-10T15:05:00Z")])
        let claims = try restarted.store.claims()
        #expect(claims.map(\.slotUTC) == [slot, utc("2026-06-10T15:05:00Z")])
        #expect(claims.map(\.status) == [.interrupted, .succeeded])
    }

    @Test func noneStillRunsASlotThatIsOnTime() {
        let due = [utc("2026-06-10T14:05:00Z")]
        let onTime = CatchUpPlan(due: due, nowUTC: due[0] + 30, job: job(catchUp: .none), onTimeGraceSeconds: 60)
        #expect(onTime.toRun == due && onTime.skipped.isEmpty)
        let late = CatchUpPlan(due: due, nowUTC: due[0] + 61, job: job(catchUp: .none), onTimeGraceSeconds: 60)
        #expect(late.toRun.isEmpty && late.skipped == [CatchUpPlan.Skip(slotUTC: due[0], reason: .catchUp)])
    }
}

@Suite(.timeLimit(.minutes(1))) struct SchedulerFirstStartTests {
    @Test func aFreshStateFileCatchesUpOnlyWithinTheLatenessWindow() async throws {
        // Started for the first time at 07:30 CDT: the 05:00 retrain is 150 min late (lateness 180): it runs.
        let retrain = job("daily_retrain", schedule: "daily at 05:00", maxLatenessMinutes: 180, deadlineMinutes: 600)
        let harness = try SchedulerHarness(startUTC: utc("2026-06-10T12:30:00Z"), jobs: [retrain, job()])
        try await withRunningScheduler(harness) {
            await harness.waitForSleeps(1)
            await harness.waitForHandled(2)
        }
        // The hourly job's 07:05 slot (25 min late, lateness 50) runs too; nothing older is recorded.
        #expect(Set(harness.calls.all.map(\.slotUTC)) == [utc("2026-06-10T10:00:00Z"), utc("2026-06-10T12:05:00Z")])
        #expect(try harness.store.claims().count == 2)
    }
}
