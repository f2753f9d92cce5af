import DartCore
import DartFeatures
import Foundation
import Testing
@testable import DartPipeline

/// The `features` settings reach the feature builder, and a model trained with other groups is
/// refused at prediction instead of being fed shifted columns.
@Suite(.serialized) struct FeatureGroupSettingsTests {
    @Test func settingsChooseTheGroupsAndTheRegimeDates() throws {
        let fixture = try PipelineFixture()
        let workspace = try fixture.workspace(json: PipelineFixture.settingsJSON(
            extra: #""features": {"groups": ["regime"], "regime_dates": ["2024-06-01"]}"#))
        let builder = try workspace.featureBuilder(pointCategories: [SettlementPoint("HB_NORTH")!])
        #expect(builder.configuration.groups == [.regime])
        #expect(builder.configuration.regimes.changeDays == [OperatingDay("2024-06-01")!])
        #expect(Array(builder.featureNames.suffix(3)) == ["dam_target_minus_rt_last_known", "regime_index", "days_since_regime_change"])
    }

    @Test func aModelTrainedWithOtherGroupsIsRefused() throws {
        let (fixture, workspace) = try HistoryWindowTests.stocked()
        let report = try TrainingService(workspace: workspace).train(product: .hourly, cutoff: IssueTime(utc: UTCFormat.parse("2024-07-01T05:00:00Z")!),
                                                                     actor: "feature group test")
        #expect(report.failures.isEmpty)
        let issue = try #require(UTCFormat.parse("2024-07-02T15:05:00Z"))
        #expect(try PredictionService(workspace: workspace).predict(product: .hourly, issue: IssueTime(utc: issue)).rows.count == 4 * 24)
        let fewer = try fixture.workspace(json: PipelineFixture.settingsJSON(extra: #""features": {"groups": []}"#))
        let error = #expect(throws: (any Error).self) { try PredictionService(workspace: fewer).predict(product: .hourly, issue: IssueTime(utc: issue)) }
        #expect("\(String(describing: error))".contains("rt_interval_latest"), "names the missing columns: \(String(describing: error))")
    }
}
