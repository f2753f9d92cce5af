import DartCore
import DartModels
import DartTesting
import Foundation
import Testing
@testable import DartPipeline

/// A run without `retrain` fits a family only when nothing is registered for it: a family whose
/// latest fit was not promoted (it lost to the zero forecast) is not refit on every hourly run.
@Suite(.serialized) struct RetrainPolicyTests {
    @Test func unpromotedFamilyIsNotRefitWithoutRetrain() async throws {
        let fixture = try PipelineFixture()
        try fixture.dropSampleIntoInbox()
        let workspace = try fixture.workspace(json: PipelineFixture.settingsJSON())
        let registry = try workspace.registry()
        #expect(try RunSteps.reasonNotToTrain(.lightgbm, product: .dayahead, registry: registry) == nil)

        // A registered lightgbm version that holds no alias, as after a fit that lost to zero.
        let artifacts = fixture.dataDirectory.appendingPathComponent("unpromoted")
        try FileManager.default.createDirectory(at: artifacts, withIntermediateDirectories: true)
        let file = artifacts.appendingPathComponent("model.txt")
        try Data("not a usable model\n".utf8).write(to: file)
        let provenance = try ModelProvenance(family: .lightgbm, product: "dayahead", trainingFromUTC: 0, trainingToUTC: 3600,
                                             rowDigest: String(repeating: "0", count: 64), featureNames: ["a"], hyperparameters: ["rounds": 1], seed: 1, gitSHA: "test")
        let version = try registry.register(try ModelRegistration(provenance: provenance, artifacts: [file]))

        let reason = try #require(try RunSteps.reasonNotToTrain(.lightgbm, product: .dayahead, registry: registry))
        #expect(reason.contains(version.id))
        #expect(try RunSteps.reasonNotToTrain(.lightgbm, product: .hourly, registry: registry) == nil)

        let result = try await fixture.pipeline(workspace).execute(fixture.request())
        let train = try #require(result.record.steps.first { $0.name == "train_lightgbm" })
        #expect(train.status == .skipped)
        #expect(train.detail["reason"]?.contains("pass --retrain") == true)
        #expect(try registry.versions(family: .lightgbm, product: "dayahead").count == 1)
        // Nothing to predict with: the run fails at predict and says why.
        #expect(result.record.status == .failed)
        #expect(result.record.error?.hasPrefix("predict: ") == true)

        let retrained = try await fixture.pipeline(workspace).execute(fixture.request(retrain: true))
        #expect(retrained.record.status == .succeeded)
        #expect(retrained.record.steps.first { $0.name == "train_lightgbm" }?.status == .succeeded)
    }
}
