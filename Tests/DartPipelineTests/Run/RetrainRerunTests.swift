import DartCore
import DartPublish
import DartTesting
import DartWorkspace
import Foundation
import Testing
@testable import DartPipeline

/// Re-running a slot with `--retrain` publishes a new model version: the SQL table keeps one
/// row per (issue, target, point, family), as the Parquet partition does.
@Suite(.serialized) struct RetrainRerunTests {
    @Test func aRetrainedRerunReplacesTheSlotsSQLRows() async throws {
        let fixture = try PipelineFixture()
        try fixture.dropSampleIntoInbox()
        let workspace = try fixture.workspace(json: PipelineFixture.settingsJSON(
            extra: "\"sql\": {\"enabled\": true}, \"output\": {\"write_sql\": true}"))
        let first = try await fixture.pipeline(workspace).execute(fixture.request())
        // A minute later: the refit is a new version (ids include the second they were made in).
        let later = try Workspace(loaded: workspace.loaded, dataDirectory: workspace.dataDirectory, logger: workspace.logger,
                                  now: { Date().addingTimeInterval(60) })
        let second = try await fixture.pipeline(later).execute(fixture.request(retrain: true))
        #expect(first.record.status == .succeeded && second.record.status == .succeeded)
        #expect(first.record.modelVersions["lightgbm"] != second.record.modelVersions["lightgbm"])
        let sink = try PublishTargetFactory(workspace: workspace).predictionSink()
        #expect(try await sink.rowCount() == 96)
    }
}
