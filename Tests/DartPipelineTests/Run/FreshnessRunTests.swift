import DartCore
import DartPublish
import DartRuns
import DartTesting
import DartWorkspace
import Foundation
import Testing
@testable import DartPipeline

/// Freshness as a run's fact: what each series was at the issue time is recorded; prices far
/// older than the issue refuse the run unless `allowStale` (then it is degraded and notifies);
/// a configured family that cannot be published degrades the run; every row says how many of
/// its features were missing.
@Suite(.serialized) struct FreshnessRunTests {
    static let notifyJSON = """
        "output": {"write_sql": true, "notify": true}, "sql": {"enabled": true},
        "notifications": {"enabled": true, "on_success": false, "on_failure": true}
        """

    func pipeline(_ fixture: PipelineFixture, _ workspace: Workspace, notifier: RecordingNotifier) -> RunPipeline {
        RunPipeline(workspace: workspace, targets: PublishTargetFactory(workspace: workspace, console: { fixture.console.append($0) },
                                                                       channels: [notifier.channelRegistration]))
    }

    /// Complete data (prices through 2024-11-30, issue 2024-11-28 05:00 CST): succeeded, no
    /// notification (on_success is off), and the record holds the newest value of every series
    /// known at the issue time, not the newest stored.
    @Test func completeDataSucceedsAndRecordsNewestPerSeries() async throws {
        let fixture = try PipelineFixture()
        try fixture.dropSampleIntoInbox()
        let workspace = try fixture.workspace(json: PipelineFixture.settingsJSON(extra: Self.notifyJSON))
        let notifier = RecordingNotifier(channel: "teams")
        let result = try await pipeline(fixture, workspace, notifier: notifier).execute(fixture.request())
        let record = result.record
        #expect(record.status == .succeeded)
        #expect(record.error == nil)
        #expect(notifier.attempts.isEmpty)
        let inputs = try #require(record.inputs)
        #expect(inputs.series.map(\.series) == MarketSeries.allCases)
        let series = Dictionary(uniqueKeysWithValues: inputs.series.map { ($0.series, $0) })
        // DAM: 2024-11-28 was published on 11-27; 11-29's only at 13:30 on 11-28, after the issue.
        #expect(series[.dam]?.newestUTC == UTCFormat.parse("2024-11-29T05:00:00Z"))  // 2024-11-28 HE24 CST
        #expect(series[.dam]?.state == .fresh)
        // RT: the hour 09:00–10:00 UTC was known at 10:15 UTC; 10:00–11:00 only at 11:15.
        #expect(series[.rtHourly]?.newestUTC == UTCFormat.parse("2024-11-28T09:00:00Z"))
        #expect(series[.rtHourly]?.lagSeconds == 0)
        // The slice has no forecasts, load or intervals: missing, and that does not degrade.
        for optional in [MarketSeries.rtInterval, .windForecast, .solarForecast, .loadForecast, .loadActual] {
            #expect(series[optional]?.state == .missing)
            #expect(series[optional]?.degrades == false)
        }
        #expect(inputs.degradedBecause.isEmpty)
        #expect(inputs.missingFeatures.contains { $0.hasPrefix("exogenous features missing for all 96 rows") })
        #expect(try workspace.runStore().run(record.runID).inputs == inputs)

        // Every published row says how many of its features were missing: Parquet and SQLite.
        #expect(result.rows.allSatisfy { ($0.missingFeatures ?? 0) > 0 })
        let targets = PublishTargetFactory(workspace: workspace)
        let parquet = try #require(try await targets.partitionPublisher()
            .read(product: "dayahead", issueUTC: PipelineFixture.issueUTC))
        #expect(parquet.map(\.missingFeatures) == result.rows.map(\.missingFeatures))
        let script = """
            import sqlite3, sys
            rows = sqlite3.connect(sys.argv[1]).execute("SELECT missing_features FROM predictions_dart_spread").fetchall()
            print(len(rows), sum(1 for (n,) in rows if n is not None and n > 0))
            """
        let path = fixture.dataDirectory.appendingPathComponent("predictions.sqlite").path
        #expect(try PythonRunner.run(script: script, arguments: [path]).trimmingCharacters(in: .whitespacesAndNewlines) == "96 96")
    }

    /// Prices end 2024-11-20; the issue is 2024-11-28: refused without the flag (failed, the
    /// message names the newest price, the issue time and the flag, a failure notice is sent);
    /// with it the run publishes, ends degraded, says why and notifies once.
    @Test func farStalePricesAreRefusedUnlessAllowed() async throws {
        let fixture = try PipelineFixture()
        try fixture.dropSampleIntoInbox(lines: PipelineFixture.sliceLines(through: "2024-11-20"))
        let workspace = try fixture.workspace(json: PipelineFixture.settingsJSON(extra: Self.notifyJSON))
        let notifier = RecordingNotifier(channel: "teams")
        let pipeline = pipeline(fixture, workspace, notifier: notifier)

        let refused = try await pipeline.execute(fixture.request()).record
        #expect(refused.status == .failed)
        let error = try #require(refused.error)
        #expect(error.hasPrefix("build_features: "))
        #expect(error.contains("2024-11-21T05:00:00Z"))  // 2024-11-20 HE24 CST, the newest price
        #expect(error.contains("2024-11-28T11:00:00Z"))
        #expect(error.contains("--allow-stale"))
        #expect(error.contains("freshness.max_price_age_hours"))
        #expect(refused.inputs?.series.first { $0.series == .rtHourly }?.state == .stale)
        #expect(notifier.attempts.count == 1)
        #expect(notifier.attempts.first?.outcome == .failed)

        var request = fixture.request()
        request.allowStale = true
        let allowed = try await pipeline.execute(request)
        let record = allowed.record
        #expect(record.status == .degraded)
        #expect(record.params["allow_stale"] == "true")
        #expect(allowed.rows.count == 96)
        #expect(record.steps.first { $0.name == "publish" }?.status == .succeeded)
        let reasons = try #require(record.inputs?.degradedBecause)
        #expect(reasons.first?.hasPrefix("--allow-stale: the newest stored price") == true)
        #expect(reasons.contains { $0.hasPrefix("rt_hourly: newest 2024-11-21T05:00:00Z") && $0.contains("limit 3 h") })
        #expect(reasons.contains { $0.hasPrefix("dam: newest 2024-11-21T05:00:00Z") })
        #expect(record.error?.contains("degraded: --allow-stale") == true)
        #expect(notifier.attempts.count == 2)
        let notice = try #require(notifier.attempts.last)
        #expect(notice.outcome == .degraded)
        #expect(notice.runID == record.runID)
        #expect(notice.title.contains("DEGRADED"))
        #expect(notice.error?.contains("rt_hourly") == true)
        #expect(try workspace.runStore().run(record.runID).status == .degraded)
    }

    /// Hardening: a configured family whose champion artifact is truncated on disk is not
    /// published; the run says degraded, names the family and the load error, and notifies.
    @Test func truncatedChampionArtifactDegradesTheRun() async throws {
        let fixture = try PipelineFixture()
        try fixture.dropSampleIntoInbox()
        let workspace = try fixture.workspace(json: PipelineFixture.settingsJSON(families: ["lightgbm", "xgboost"], extra: Self.notifyJSON))
        let notifier = RecordingNotifier(channel: "teams")
        let pipeline = pipeline(fixture, workspace, notifier: notifier)
        let first = try await pipeline.execute(fixture.request())
        #expect(first.record.status == .succeeded)
        #expect(first.record.modelVersions.keys.contains("lightgbm"))
        #expect(notifier.attempts.isEmpty)
        try fixture.promoteEveryTrainedFamily(first.record, in: workspace)
        let registry = try workspace.registry()
        #expect(try registry.resolve(.champion, family: .xgboost, product: "dayahead") != nil)
        let champion = try #require(try registry.resolve(.champion, family: .lightgbm, product: "dayahead"))
        for file in try registry.artifactURLs(champion.id, verify: false) where file.lastPathComponent != "manifest.json" {
            try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file.path)
            try Data().write(to: file)
        }

        let second = try await pipeline.execute(fixture.request())
        let record = second.record
        #expect(record.status == .degraded)
        #expect(Set(record.modelVersions.keys) == ["xgboost"])
        #expect(second.rows.count == 96)
        let reasons = try #require(record.inputs?.degradedBecause)
        #expect(reasons.count == 1)
        #expect(reasons.first?.hasPrefix("lightgbm not published: ") == true)
        #expect(record.error?.contains("lightgbm not published") == true)
        #expect(notifier.attempts.count == 1)
        #expect(notifier.attempts.first?.outcome == .degraded)
        #expect(notifier.attempts.first?.error?.contains("lightgbm") == true)
    }
}
