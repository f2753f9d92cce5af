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
