import DartCore
import DartData
import DartPublish
import Foundation
import Testing
@testable import DartPipeline

/// `dartcast features`: the frame `predict` would use at one issue time, as Parquet.
@Suite(.serialized) struct FeatureFrameExportTests {
    @Test func writesKeysTheLabelAndPrefixedFeaturesUnderASortableName() throws {
        let fixture = try PipelineFixture()
        try fixture.dropSampleIntoInbox()
        let workspace = try fixture.workspace(json: PipelineFixture.settingsJSON())
        _ = try InboxIngest(dataDirectory: fixture.dataDirectory, logger: workspace.logger).run(store: try workspace.marketStore())
        let folder = fixture.dataDirectory.appendingPathComponent("features-out")

        let written = try FeatureFrameExport.write(workspace: workspace, product: .dayahead, issueUTC: PipelineFixture.issueUTC, to: folder)
        #expect(written.file.lastPathComponent == "features_dayahead_20241128T1100Z.parquet")
        #expect(written.rows == 4 * 24)
        let file = try ParquetCodec.read(written.file)
        #expect(file.rowCount == written.rows)
        #expect(Array(file.columnNames.prefix(7)) == ["issue_time_utc", "target_hour_utc", "operating_day", "hour_ending", "dst_flag",
                                                      "settlement_point", "dart"])
        let features = file.columnNames.dropFirst(7)
        #expect(features.count == written.features && features.allSatisfy { $0.hasPrefix(FeatureFrameParquet.featurePrefix) })
        #expect(features.contains("feature_hour_ending"))  // an input named like a key column stays apart from it
        #expect(Set(try file.strings("settlement_point").compactMap { $0 }) == Set(PipelineFixture.points))
    }

    @Test func anIssueWithoutTargetHoursOrAnEmptyStoreSaysWhatToDo() throws {
        let fixture = try PipelineFixture()
        let workspace = try fixture.workspace(json: PipelineFixture.settingsJSON())
        #expect(throws: PipelineError(.noData, "the market store in \(fixture.dataDirectory.path) has no prices; run `dartcast ingest FILE…` first")) {
            try FeatureFrameExport.write(workspace: workspace, product: .dayahead, issueUTC: PipelineFixture.issueUTC,
                                         to: fixture.dataDirectory.appendingPathComponent("out"))
        }
        #expect(FeatureFrameParquet.compactUTC(UTCFormat.parse("2025-03-01T11:00:00Z")!) == "20250301T1100Z")
        #expect(FeatureFrameParquet.compactUTC(UTCFormat.parse("2025-03-01T11:05:00Z")!) == "20250301T1105Z")
    }
}
