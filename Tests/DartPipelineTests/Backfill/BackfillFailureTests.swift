import DartCore
import DartRuns
import DartTesting
import Foundation
import Testing
@testable import DartPipeline

/// What a backfill does when it cannot do everything: a refit without enough history, another backfill running.
@Suite(.serialized) struct BackfillFailureTests {
    /// The slice starts 2024-09-01, so the September refit (cutoff 2024-09-01 05:00 CDT) has nothing to
    /// train on: its issue time fails without a run. The October refit trains on one month, where no
    /// family beats the zero forecast on validation: no champion, so its runs fail at `predict`. The
    /// November refit has champions and its issue time is written.
    @Test func refitsAndRunsThatFailAreCountedAndTheBackfillGoesOn() async throws {
        let (fixture, workspace) = try BackfillFixture.ingested()
        let summary = try await Backfill(pipeline: fixture.pipeline(workspace))
            .run(BackfillRequest(product: .dayahead, from: OperatingDay("2024-09-30")!, to: OperatingDay("2024-11-01")!))
        #expect(summary.refits == 3 && summary.refitsTrained == 2)
        #expect(summary.written == 1 && summary.failures.count == 32)
        let first = try #require(summary.failures.first)
        #expect(UTCFormat.iso8601(first.issueUTC) == "2024-09-30T10:00:00Z" && first.error.contains("training the refit at 2024-09-01T10:00:00Z"))
        #expect(summary.failures.dropFirst().allSatisfy { $0.error.hasPrefix("predict: no usable dayahead model") && $0.error.contains("no champion under dayahead_backfill_202410011000_") })
        #expect(summary.text.contains("FAILED 2024-09-30T10:00:00Z") && summary.text.contains("and 12 more failures"))
        // Runs were recorded for the October and November issue times only.
        let records = try BackfillFixture.backfillRecords(workspace)
        #expect(records.count == 32 && records.filter { $0.status == .failed }.count == 31)
        #expect(records.filter { $0.status == .succeeded }.map(\.slotUTC) == [BackfillFixture.cutoffUTC])
    }

    @Test func aSecondBackfillInTheSameDataDirectoryIsRefusedWhileOneRuns() async throws {
        let (fixture, workspace) = try BackfillFixture.ingested()
        let held = try BackfillLock(directory: workspace.dataDirectory.appendingPathComponent("backfill"))
        await #expect(throws: PipelineError.self) {
            try await Backfill(pipeline: fixture.pipeline(workspace))
                .run(BackfillRequest(product: .dayahead, from: BackfillFixture.from, to: BackfillFixture.from))
        }
        #expect(try BackfillFixture.backfillRecords(workspace).isEmpty)
        held.release()
        // A `running` record left by a backfill that died is marked interrupted by the next one.
        var orphan = RunRecord(runID: "backfill-20241101T1000Z-1", job: Backfill.job, slotUTC: BackfillFixture.cutoffUTC, product: "dayahead",
                               params: [:], startedAtUTC: BackfillFixture.cutoffUTC, steps: [StepRecord(name: "publish")])
        orphan.status = .running
        #expect(try workspace.runStore().insertNew(orphan))
        let summary = try await Backfill(pipeline: fixture.pipeline(workspace))
            .run(BackfillRequest(product: .dayahead, from: BackfillFixture.from, to: BackfillFixture.from))
        #expect(summary.written == 1)
        #expect(try workspace.runStore().run(orphan.runID).status == .interrupted)
        #expect(summary.runIDs == ["backfill-20241101T1000Z-2"])
    }
}
