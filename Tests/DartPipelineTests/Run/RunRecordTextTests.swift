import DartCore
import DartRuns
import Testing

/// The run record as `run`, `runs show`, `trigger` and `demo` print it.
@Suite struct RunRecordTextTests {
    static func record() -> RunRecord {
        var record = RunRecord(runID: "r1", job: "hourly_predict", slotUTC: UTCFormat.parse("2024-11-28T11:00:00Z")!, attempt: 2,
                               product: "dayahead", params: ["retrain": "false", "dry_run": "false"], status: .degraded,
                               startedAtUTC: 100, steps: [
                                   StepRecord(name: "ingest_new", status: .failed, durationSeconds: 0.5, error: "inbox: bad header"),
                                   StepRecord(name: "predict", status: .succeeded, durationSeconds: 12.25, detail: ["rows": "96", "families": "2"]),
                               ])
        record.finishedAtUTC = 113
        record.modelVersions = ["lightgbm": "v7"]
        record.rowCounts = ["predictions": 96]
        return record
    }

    @Test func aRecordShowsItsFactsStepsModelsAndCounts() {
        #expect(RunRecordText.render(Self.record(), deliveries: []) == """
            run r1  job hourly_predict  attempt 2  product dayahead
            slot (UTC)  2024-11-28T11:00:00Z
            status      degraded (1 step failed)  in 13.0 s
            params      dry_run=false retrain=false

            step        status     seconds  detail / error
            ingest_new  failed     0.50     inbox: bad header
            predict     succeeded  12.25    families=2 rows=96

            models      lightgbm=v7
            row counts  predictions=96
            """)
    }

    @Test func failedStepsAreCountedOnlyForPublishedRuns() {
        var record = Self.record()
        #expect(RunRecordText.status(record) == "degraded (1 step failed)")
        record.status = .failed
        #expect(RunRecordText.status(record) == "failed")
        record.status = .succeeded
        record.steps[1].status = .failed
        #expect(RunRecordText.status(record) == "succeeded (2 steps failed)")
    }
}
