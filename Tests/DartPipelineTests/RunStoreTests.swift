import DartCore
import DartRuns
import DartTesting
import Foundation
import Testing
@testable import DartPipeline

@Suite struct RunStoreTests {
    @Test func savesListsAndReplacesRunRecords() throws {
        let store = try RunStore(directory: try SamplePaths.temporaryDirectory())
        var record = RunRecord(runID: "r1", job: "hourly_predict", slotUTC: 3600, product: "hourly", params: ["retrain": "false"], startedAtUTC: 100)
        try store.save(record)
        #expect(try store.nextAttempt(job: "hourly_predict", slotUTC: 3600) == 2)
        record.status = .succeeded
        record.finishedAtUTC = 160
        record.steps = [StepRecord(name: "predict", status: .succeeded, durationSeconds: 1.5)]
        try store.save(record)
        let loaded = try store.run("r1")
        #expect(loaded == record)
        #expect(try store.runs().count == 1)
        #expect(try store.runs(status: .failed).isEmpty)
        #expect(throws: RunStoreError.self) { try store.run("nope") }
    }

    @Test func paginationIsCapped() throws {
        let store = try RunStore(directory: try SamplePaths.temporaryDirectory())
        for index in 0..<5 {
            try store.save(RunRecord(runID: "r\(index)", job: "j", slotUTC: Int64(index), product: "hourly", params: [:], startedAtUTC: Int64(index)))
        }
        #expect(try store.runs(limit: 2).map(\.runID) == ["r4", "r3"])
        #expect(try store.runs(limit: 2, offset: 2).map(\.runID) == ["r2", "r1"])
        #expect(try store.runs(limit: -1).isEmpty)
    }

    @Test func interruptedRunsAreMarked() throws {
        let store = try RunStore(directory: try SamplePaths.temporaryDirectory())
        try store.save(RunRecord(runID: "a", job: "j", slotUTC: 1, product: "hourly", params: [:], startedAtUTC: 1,
                                 steps: [StepRecord(name: "train_lightgbm", status: .running)]))
        #expect(try store.markRunningAsInterrupted(nowUTC: 9, reason: "SIGTERM") == ["a"])
        let run = try store.run("a")
        #expect(run.status == .interrupted)
        #expect(run.steps[0].status == .failed)
    }

    @Test func outboxReplacesTheSameSlotsPendingDelivery() throws {
        let store = try RunStore(directory: try SamplePaths.temporaryDirectory())
        _ = try store.enqueue(runID: "r1", job: "j", slotUTC: 10, target: "sql", payloadPath: "/a", nowUTC: 1)
        _ = try store.enqueue(runID: "r2", job: "j", slotUTC: 10, target: "sql", payloadPath: "/b", nowUTC: 2)
        _ = try store.enqueue(runID: "r2", job: "j", slotUTC: 10, target: "objectstore", payloadPath: "/b", nowUTC: 2)
        #expect(try store.deliveries(status: .pending).map(\.deliveryID) == ["r2:objectstore", "r2:sql"])
        try store.markFailed("r2:sql", error: "connection refused", nowUTC: 3)
        try store.markDelivered("r2:objectstore", nowUTC: 3)
        let pending = try store.deliveries(status: .pending)
        #expect(pending.map(\.deliveryID) == ["r2:sql"])
        #expect(pending[0].attempts == 1)
        #expect(pending[0].lastError == "connection refused")
    }
}

/// Records saved before `inputs` existed still load (with none), and a degraded record round-trips.
@Suite struct RunRecordCompatibilityTests {
    @Test func oldRecordsWithoutInputsDecode() throws {
        let json = """
            {"runID":"old-1","job":"hourly_predict","slotUTC":3600,"attempt":1,"product":"hourly","params":{},"status":"succeeded",
             "startedAtUTC":100,"finishedAtUTC":160,"steps":[],"modelVersions":{"lightgbm":"v1"},"rowCounts":{"predictions":24}}
            """
        let record = try JSONDecoder().decode(RunRecord.self, from: Data(json.utf8))
        #expect(record.inputs == nil && record.status == .succeeded && record.modelVersions == ["lightgbm": "v1"])

        let store = try RunStore(directory: try SamplePaths.temporaryDirectory())
        var degraded = record
        degraded.runID = "new-1"
        degraded.status = .degraded
        degraded.inputs = RunInputs(series: [FreshnessRules().judge(.rtHourly, newestUTC: 0, at: 86_400)],
                                    degradedBecause: ["rt_hourly: stale"])
        try store.save(degraded)
        #expect(try store.run("new-1") == degraded)
        #expect(try store.runs(status: .degraded).map(\.runID) == ["new-1"])
    }
}

/// Runs whose process is gone, and paths that follow the data directory (items 6 and 8 of
/// "Hardening and finish"; the real-process versions are `KilledRunTests` and `DataDirectoryMoveTests`).
@Suite struct RunStoreOwnershipTests {
    static func running(_ runID: String) -> RunRecord {
        RunRecord(runID: runID, job: runID, slotUTC: 1, product: "hourly", params: [:], startedAtUTC: 1,
                  steps: [StepRecord(name: "predict", status: .running), StepRecord(name: "publish")])
    }

    @Test func openingTheStoreInterruptsRunsWhoseLockIsFreeAndLeavesHeldOnes() throws {
        let directory = try SamplePaths.temporaryDirectory()
        let store = try RunStore(directory: directory)
        let live = try #require(try RunLock.acquire(dataDirectory: directory, runID: "live"))
        defer { live.release() }
        let dead = try #require(try RunLock.acquire(dataDirectory: directory, runID: "dead"))
        for runID in ["live", "dead"] { try store.save(Self.running(runID)) }
        #expect(try RunLock.acquire(dataDirectory: directory, runID: "live") == nil)
        dead.release()  // as the kernel does when its process is killed

        let reopened = try RunStore(directory: directory, now: { Date(timeIntervalSince1970: 500) })
        #expect(reopened.interruptedAtOpen == ["dead"])
        #expect(try reopened.run("live").status == .running)
        let interrupted = try reopened.run("dead")
        #expect(interrupted.status == .interrupted)
        #expect(interrupted.finishedAtUTC == 500)
        #expect(interrupted.error?.contains("run.lock is free") == true)
        #expect(interrupted.steps.map(\.status) == [.failed, .skipped])
        #expect(try RunStore(directory: directory).interruptedAtOpen.isEmpty)
    }

    @Test func absolutePathsOfAnOlderStoreBecomeRelativeAndFollowAMove() throws {
        let parent = try SamplePaths.temporaryDirectory()
        let old = parent.appendingPathComponent("old")
        let store = try RunStore(directory: old)
        var record = Self.running("r1")
        record.status = .succeeded
        record.logPath = old.appendingPathComponent("runs/r1/run.log").path
        try store.save(record)
        record.runID = "r2"
        record.job = "r2"
        record.logPath = "/elsewhere/r2.log"
        try store.save(record)
        _ = try store.enqueue(runID: "r1", job: "j", slotUTC: 1, target: "sql", payloadPath: old.appendingPathComponent("outbox/r1").path, nowUTC: 1)
        let stored = try PythonRunner.run(script: """
            import sqlite3, sys
            c = sqlite3.connect(sys.argv[1])
            print(c.execute("SELECT payload_path FROM deliveries").fetchone()[0])
            print(c.execute("SELECT json_extract(record_json, '$.logPath') FROM runs WHERE run_id = 'r1'").fetchone()[0])
            """, arguments: [old.appendingPathComponent("runs.sqlite").path])
        #expect(stored.split(separator: "\n") == ["outbox/r1", "runs/r1/run.log"])

        // As an older dartcast left it: absolute paths, no v2 migration; then the directory is moved.
        _ = try PythonRunner.run(script: """
            import sqlite3, sys
            c = sqlite3.connect(sys.argv[1])
            c.execute("UPDATE deliveries SET payload_path = ? || '/outbox/r1'", (sys.argv[2],))
            c.execute("UPDATE runs SET record_json = json_set(record_json, '$.logPath', ? || '/runs/r1/run.log') WHERE run_id = 'r1'", (sys.argv[2],))
            c.execute("DELETE FROM grdb_migrations WHERE identifier = 'v2-relative-paths'")
            c.commit()
            """, arguments: [old.appendingPathComponent("runs.sqlite").path, old.path])
        let moved = parent.appendingPathComponent("restored")
        try FileManager.default.moveItem(at: old, to: moved)
        let reopened = try RunStore(directory: moved)
        #expect(try reopened.run("r1").logPath == moved.appendingPathComponent("runs/r1/run.log").path)
        #expect(try reopened.run("r2").logPath == "/elsewhere/r2.log")
        #expect(try reopened.deliveries().map(\.payloadPath) == [moved.appendingPathComponent("outbox/r1").path])
    }
}
