import DartWorkspace
import DartCore
import DartData
import DartPublish
import DartTesting
import Foundation
import Testing
@testable import DartPipeline

/// `dartcast demo`'s production part goes through `RunPipeline`: a recorded run of job `demo`
/// with its deliveries, and outputs where `DemoRun.outputs` says they are.
@Suite(.serialized) struct DemoRunTests {
    /// The user's settings enable Teams and a PostgreSQL table; the demo still stays local.
    static let remoteSettings = PipelineFixture.settingsJSON(extra: """
        "notifications": {"enabled": true, "on_success": false, "teams": {"enabled": true, "url_env": "DEMO_TEST_TEAMS_URL"}},
        "sql": {"enabled": false, "backend": "postgres", "dsn_env": "DEMO_TEST_DSN"}
        """)

    @Test func demoIsARecordedPipelineRunThatPublishesLocally() async throws {
        let fixture = try PipelineFixture()
        try fixture.dropSampleIntoInbox()
        let base = try fixture.workspace(json: Self.remoteSettings)
        let workspace = try Workspace(loaded: try DemoRun.settings(from: base.loaded), dataDirectory: fixture.dataDirectory, logger: base.logger)
        let console = fixture.console
        let demo = DemoRun(workspace: workspace) { console.append($0) }
        let store = try workspace.marketStore()
        _ = try InboxIngest(dataDirectory: fixture.dataDirectory, logger: workspace.logger).run(store: store)

        let issue = try demo.issueUTC(store: store)
        #expect(UTCFormat.iso8601(issue) == "2024-11-30T11:00:00Z")  // 05:00 CST on the last stored day
        let result = try await demo.run(issueUTC: issue)
        let record = result.record
        #expect(record.status == .succeeded)
        #expect(record.job == "demo")
        #expect(record.runID == "demo-20241130T1100Z-1")
        #expect(record.params["retrain"] == "true")
        #expect(record.steps.first { $0.name == "train_lightgbm" }?.status == .succeeded)
        #expect(result.rows.count == 96)  // 4 hubs × 24 hours of 2024-12-01
        #expect(Set(result.rows.map(\.operatingDay)) == [OperatingDay(year: 2024, month: 12, day: 1)!])
        #expect(result.deliveries.map(\.target).sorted() == ["notify:console", "objectstore", "sql"])
        #expect(result.deliveries.allSatisfy { $0.status == .delivered })
        #expect(console.all.count == 1)
        #expect(console.all.first?.contains("succeeded: 96 rows for 4 points") == true)
        #expect(try workspace.runStore().runs(job: "demo").map(\.runID) == [record.runID])

        let outputs = demo.outputs(of: record, issueUTC: issue)
        #expect(outputs.runID == record.runID)
        #expect(outputs.partition.path.hasSuffix("predictions/product=dayahead/issue_date=2024-11-30/issue_hour=11"))
        #expect(outputs.sqliteFile == fixture.dataDirectory.appendingPathComponent("predictions.sqlite"))
        for url in [outputs.manifest, outputs.sqliteFile, try #require(outputs.logFile),
                    outputs.outbox.appendingPathComponent("predictions.parquet"), outputs.registry, outputs.marketStore] {
            #expect(FileManager.default.fileExists(atPath: url.path), "\(url.path)")
        }
        let sink = try SQLitePredictionSink(path: outputs.sqliteFile, table: outputs.sqlTable)
        #expect(try await sink.rowCount() == 96)

        // Running the demo again takes the next attempt and replaces the slot's partition; it
        // retrains, and the SQL table replaces the old version's rows of the slot (one row per key).
        // An hour later by the workspace clock, so the refit gets a new version id however fast
        // the machine is (a refit within the same second is the same version: TrainingServiceTests).
        let later = try Workspace(loaded: workspace.loaded, dataDirectory: fixture.dataDirectory, logger: base.logger,
                                  now: { Date().addingTimeInterval(3600) })
        let again = try await DemoRun(workspace: later) { console.append($0) }.run(issueUTC: issue)
        #expect(again.record.runID == "demo-20241130T1100Z-2")
        #expect(again.record.modelVersions != record.modelVersions)
        #expect(try await sink.rowCount() == 96)
        let publisher = try PublishTargetFactory(workspace: workspace).partitionPublisher()
        let manifest = try #require(try await publisher.manifest(partition: "product=dayahead/issue_date=2024-11-30/issue_hour=11"))
        #expect(manifest.runID == again.record.runID)
        #expect(manifest.rows == 96)
    }

    @Test func demoSettingsKeepEveryOutputLocal() throws {
        let fixture = try PipelineFixture()
        let base = try fixture.workspace(json: Self.remoteSettings)
        let settings = try DemoRun.settings(from: base.loaded).settings
        #expect(settings.notifications.teams.enabled == false)
        #expect(settings.notifications.enabled && settings.notifications.onSuccess && settings.output.notify)
        #expect(settings.sql.enabled && settings.sql.backend == .sqlite && settings.output.writeSQL)
        #expect(settings.storage.objectStore.kind == .file)
        #expect(settings.market.settlementPoints.map(\.name) == PipelineFixture.points)
    }

    @Test func theDemoBacktestsTheMonthOfTheLastDay() {
        let mid = DemoRun.backtestDays(lastDay: OperatingDay("2025-02-28")!)
        #expect(mid.from == OperatingDay("2025-02-01")! && mid.to == OperatingDay("2025-02-28")!)
        let first = DemoRun.backtestDays(lastDay: OperatingDay("2024-03-01")!)
        #expect(first.from == OperatingDay("2024-03-01")! && first.to == OperatingDay("2024-03-01")!)
    }

    @Test func emptyStoreHasNoDemoIssueTime() throws {
        let fixture = try PipelineFixture()
        let workspace = try fixture.workspace(json: PipelineFixture.settingsJSON())
        #expect(throws: PipelineError.self) { _ = try DemoRun(workspace: workspace).issueUTC(store: try workspace.marketStore()) }
    }
}
