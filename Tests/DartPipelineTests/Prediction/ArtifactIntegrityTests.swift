import DartCore
import DartModels
import DartTesting
import Foundation
import Testing
@testable import DartPipeline

/// Prediction still verifies every artifact's sha256 when it loads a champion: a file changed
/// after registration is refused and the family is skipped with the reason.
@Suite(.serialized) struct ArtifactIntegrityTests {
    @Test func modifiedChampionArtifactIsRefused() async throws {
        let fixture = try PipelineFixture()
        try fixture.dropSampleIntoInbox()
        let workspace = try fixture.workspace(json: PipelineFixture.settingsJSON(families: ["lightgbm", "xgboost"]))
        let first = try await fixture.pipeline(workspace).execute(fixture.request())
        #expect(first.record.modelVersions.keys.contains("lightgbm"))
        try fixture.promoteEveryTrainedFamily(first.record, in: workspace)
        let registry = try workspace.registry()
        #expect(try registry.resolve(.champion, family: .xgboost, product: "dayahead") != nil)
        let champion = try #require(try registry.resolve(.champion, family: .lightgbm, product: "dayahead"))
        let file = try #require(try registry.artifactURLs(champion.id, verify: false).first)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file.path)
        let handle = try FileHandle(forWritingTo: file)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(" ".utf8))
        try handle.close()

        let result = try PredictionService(workspace: workspace).predict(product: .dayahead, issue: IssueTime(utc: PipelineFixture.issueUTC))
        #expect(Set(result.versions.keys) == ["xgboost"])
        #expect(result.skipped["lightgbm"]?.contains("modified after registration") == true)
        #expect(result.rows.allSatisfy { $0.modelFamily == "xgboost" })
    }
}
