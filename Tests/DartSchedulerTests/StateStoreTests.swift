import Foundation
import Testing
@testable import DartScheduler

/// A fresh state file path in a temporary directory.
func temporaryStatePath() -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("dartcast-scheduler-\(UUID().uuidString)/scheduler.sqlite").path
}

@Suite struct StateStoreTests {
    @Test func aSlotCanBeClaimedOnceEvenAfterReopeningTheFile() throws {
        let path = temporaryStatePath()
        let slot = utc("2025-11-02T07:05:00Z")
        let first = try SchedulerStateStore(path: path)
        #expect(try first.claim(job: "hourly_predict", slotUTC: slot, kind: .scheduled, nowUTC: slot) != nil)
        #expect(try first.claim(job: "hourly_predict", slotUTC: slot, kind: .scheduled, nowUTC: slot) == nil)
        let reopened = try SchedulerStateStore(path: path)
        #expect(try reopened.claim(job: "hourly_predict", slotUTC: slot, kind: .scheduled, nowUTC: slot + 60) == nil)
        // A manual run at the same instant and another job's slot are different claims.
        #expect(try reopened.claim(job: "hourly_predict", slotUTC: slot, kind: .manual, nowUTC: slot) != nil)
        #expect(try reopened.claim(job: "daily_retrain", slotUTC: slot, kind: .scheduled, nowUTC: slot) != nil)
        #expect(try reopened.claims(job: "hourly_predict").count == 2)
    }

    @Test func recoveryMarksUnfinishedClaimsInterruptedAndLeavesFinishedOnes() throws {
        let store = try SchedulerStateStore(path: temporaryStatePath())
        let claimed = try #require(try store.claim(job: "a", slotUTC: 100, kind: .scheduled, nowUTC: 100))
        let running = try #require(try store.claim(job: "a", slotUTC: 200, kind: .scheduled, nowUTC: 200))
        let done = try #require(try store.claim(job: "a", slotUTC: 300, kind: .scheduled, nowUTC: 300))
        try store.markAttemptStarted(claimID: running, attempt: 2, nowUTC: 201)
        try store.markFinished(claimID: done, status: .succeeded, reason: nil, nowUTC: 301)
        let recovered = try store.recoverUnfinished(nowUTC: 400)
        #expect(Set(recovered.map(\.id)) == [claimed, running])
        let statuses = try store.claims(job: "a").map(\.status)
        #expect(statuses == [.interrupted, .interrupted, .succeeded])
        #expect(try store.claims(job: "a")[1].attempts == 2)
        #expect(try store.recoverUnfinished(nowUTC: 500).isEmpty)
    }

    @Test func planRecordsSkipsClaimsAndMovesTheCursorForward() throws {
        let store = try SchedulerStateStore(path: temporaryStatePath())
        let claimed = try store.recordPlan(job: "a", skipped: [(100, .missed), (200, .catchUp)], toRun: [300],
                                           cursorUTC: 300, nowUTC: 310)
        #expect(claimed.map(\.slotUTC) == [300])
        #expect(try store.jobState("a")?.lastSlotUTC == 300)
        // The cursor never moves back, and claimed slots are not claimed again.
        let again = try store.recordPlan(job: "a", skipped: [], toRun: [300], cursorUTC: 250, nowUTC: 320)
        #expect(again.isEmpty)
        #expect(try store.jobState("a")?.lastSlotUTC == 300)
        let rows = try store.claims(job: "a")
        #expect(rows.map(\.status) == [.skipped, .skipped, .claimed])
        #expect(rows.map(\.reason) == ["missed", "catch_up", nil])
    }

    @Test func enablingADisabledJobMovesItsCursorToNow() throws {
        let store = try SchedulerStateStore(path: temporaryStatePath())
        _ = try store.recordPlan(job: "a", skipped: [], toRun: [100], cursorUTC: 100, nowUTC: 100)
        try store.setEnabled(job: "a", enabled: false, nowUTC: 150)
        #expect(try store.jobState("a") == JobState(job: "a", enabled: false, lastSlotUTC: 100))
        try store.setEnabled(job: "a", enabled: true, nowUTC: 900)
        #expect(try store.jobState("a") == JobState(job: "a", enabled: true, lastSlotUTC: 900))
        try store.setEnabled(job: "a", enabled: true, nowUTC: 1000)  // already on: cursor stays
        #expect(try store.jobState("a")?.lastSlotUTC == 900)
    }

    @Test func deadlineAlertIsNotedOnceAndNotForFinishedClaims() throws {
        let store = try SchedulerStateStore(path: temporaryStatePath())
        let open = try #require(try store.claim(job: "a", slotUTC: 100, kind: .scheduled, nowUTC: 100))
        #expect(try store.markDeadlineAlerted(claimID: open))
        #expect(try !store.markDeadlineAlerted(claimID: open))
        let finished = try #require(try store.claim(job: "a", slotUTC: 200, kind: .scheduled, nowUTC: 200))
        try store.markFinished(claimID: finished, status: .succeeded, reason: nil, nowUTC: 201)
        #expect(try !store.markDeadlineAlerted(claimID: finished))
    }

    @Test func anUnwritableLocationIsReportedWithItsPath() {
        do {
            _ = try SchedulerStateStore(path: "/proc/dartcast-cannot-write-here/scheduler.sqlite")
            Issue.record("opening a state file under /proc must fail")
        } catch {
            #expect(error.code == .stateStore)
            #expect(error.description.contains("/proc/dartcast-cannot-write-here"))
        }
    }
}
