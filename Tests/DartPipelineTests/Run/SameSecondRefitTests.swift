import DartWorkspace
import DartCore
import DartModels
import DartTesting
import Foundation
import Testing
@testable import DartPipeline

/// A refit of the same data within the same second produces the same model, hence the same
/// version id; the second run must reuse that version instead of failing on "already registered".
@Suite(.serialized) struct SameSecondRefitTests {
    @Test func aRetrainWithinTheSameSecondReusesTheIdenticalVersion() async throws {
        let fixture = try PipelineFixture()
        try fixture.dropSampleIntoInbox()
        let loaded = try fixture.workspace(json: PipelineFixture.settingsJSON()).loaded
        let frozen = Date(timeIntervalSince1970: 1_764_000_000)
        let workspace = try Workspace(loaded: loaded, dataDirectory: fixture.dataDirectory, logger: fixture.workspace(json: PipelineFixture.settingsJSON()).logger,
                                      now: { frozen })

        let first = try await fixture.pipeline(workspace).execute(fixture.request(retrain: true))
        #expect(first.record.status == .succeeded)
        let second = try await fixture.pipeline(workspace).execute(fixture.request(retrain: true))
        #expect(second.record.status == .succeeded, "\(second.record.error ?? "")")
        #expect(second.record.steps.first { $0.name == "train_lightgbm" }?.status == .succeeded)
        #expect(second.record.modelVersions == first.record.modelVersions)
        #expect(try workspace.registry().versions(family: .lightgbm, product: "dayahead").count == 1)
        #expect(second.rows.map(\.p50) == first.rows.map(\.p50))
    }
}
