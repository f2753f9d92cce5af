import DartCore
import DartTesting
import Foundation
import Testing
@testable import DartPipeline

/// A run builds its feature frame once: training and prediction share it.
@Suite(.serialized) struct FeatureFrameOnceTests {
    @Test func aTrainingRunAndAPredictOnlyRunEachBuildOneFrame() async throws {
        let fixture = try PipelineFixture()
        try fixture.dropSampleIntoInbox()
        var workspace = try fixture.workspace(json: PipelineFixture.settingsJSON())
        let builds = FrameCount()
        workspace.featureBuildObserver = { builds.add($0) }

        let trained = try await fixture.pipeline(workspace).execute(fixture.request())
        #expect(trained.record.status == .succeeded)
        #expect(trained.record.steps.first { $0.name == "train_lightgbm" }?.status == .succeeded)
        #expect(builds.sizes.count == 1)
        let trainingRows = Int(trained.record.steps.first { $0.name == "build_features" }?.detail["training_rows"] ?? "") ?? 0
        #expect(trainingRows > 1000)
        #expect(builds.sizes.first == trainingRows + 96)

        builds.reset()
        let predicted = try await fixture.pipeline(workspace).execute(fixture.request(job: "second_job"))
        #expect(predicted.record.steps.first { $0.name == "train_lightgbm" }?.status == .skipped)
        #expect(predicted.rows.count == 96)
        #expect(builds.sizes == [96])
        // Same model, same issue: the shared frame gives the forecast a separate build gave.
        #expect(predicted.rows.map(\.prediction) == trained.rows.map(\.prediction))
    }
}

/// Row counts of the frames built, in order.
final class FrameCount: @unchecked Sendable {
    private let lock = NSLock()
    private var built: [Int] = []
    var sizes: [Int] { lock.withLock { built } }
    func add(_ rows: Int) { lock.withLock { built.append(rows) } }
    func reset() { lock.withLock { built = [] } }
}
