import DartCore
import DartWorkspace
import DartModels
import Foundation
import Testing
@testable import DartPipeline

/// `models.hourly_horizon_buckets`: an hourly booster registered as one model per lead bucket
/// (flat files, its buckets in the provenance) is reloaded as such and forecasts every row.
@Suite(.serialized) struct HorizonBucketModelTests {
    @Test func aSplitHourlyModelIsRegisteredReloadedAndForecastsEveryLead() throws {
        let (fixture, _) = try HistoryWindowTests.stocked()
        func workspace(buckets: String) throws -> Workspace {
            try fixture.workspace(json: PipelineFixture.settingsJSON().replacingOccurrences(
                of: #""cv_folds": 0"#, with: #""cv_folds": 0, "hourly_horizon_buckets": "# + buckets))
        }
        let (pooledWorkspace, workspace) = (try workspace(buckets: "[]"), try workspace(buckets: "[2, 6]"))
        #expect(workspace.settings.models.hourlyHorizonBuckets == [2, 6])
        let cutoff = IssueTime(utc: UTCFormat.parse("2024-07-01T05:00:00Z")!)
        let issue = IssueTime(utc: try #require(UTCFormat.parse("2024-07-02T15:05:00Z")))
        /// Trains LightGBM, makes it the champion whatever its validation score, and forecasts with it.
        func trainAndPredict(_ workspace: Workspace) throws -> (ModelVersion, [ForecastRow]) {
            let report = try TrainingService(workspace: workspace).train(product: .hourly, cutoff: cutoff, actor: "horizon bucket test")
            #expect(report.failures.isEmpty)
            let entry = try #require(report.entries.first { $0.family == .lightgbm })
            let registry = try workspace.registry()
            if entry.alias != .champion { _ = try registry.promote(entry.version, to: .champion, actor: "test", reason: "the model under test") }
            return (try registry.version(entry.version), try PredictionService(workspace: workspace).predict(product: .hourly, issue: issue).rows)
        }
        let (_, pooled) = try trainAndPredict(pooledWorkspace)
        let (version, split) = try trainAndPredict(workspace)
        let files = Set(version.artifacts.map(\.fileName))
        #expect(files.isSuperset(of: ["horizon-split.json", "leads-1-2.lightgbm-p50.txt", "leads-3-6.lightgbm-p50.txt", "leads-7+.lightgbm-p50.txt"]))
        #expect(version.hyperparametersJSON.contains("leads 1-2") && version.hyperparametersJSON.contains("leads 7+"))
        #expect(split.count == 4 * 24 && split.allSatisfy { $0.p50?.isFinite == true })
        // The pooled model of the same data forecasts differently: the split model was the one used.
        #expect(pooled.count == split.count && zip(split, pooled).contains { $0.p50 != $1.p50 })
    }
}
