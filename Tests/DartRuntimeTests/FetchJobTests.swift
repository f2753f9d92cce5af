import DartConfig
import DartCore
import DartData
import DartRuntime
import DartTesting
import DartWorkspace
import Foundation
import Logging
import Testing

/// The `fetch` job action (`ercot_fetch`): the scheduler's slot asks every market source for new
/// data and stores it, without a production run.
@Suite struct FetchJobTests {
    @Test func aFetchJobStoresNewDataAndMakesNoRun() async throws {
        let directory = try SamplePaths.temporaryDirectory("dartcast-fetch-job")
        let file = directory.appendingPathComponent("slice.csv")
        let lines = SampleText.dartHourlySlice(points: ["HB_HOUSTON"], from: "2024-11-01", through: "2024-11-03")
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: file)
        let loaded = try #require(SettingsLoader.check(json: #"{"scheduling": {"jobs": {"ercot_fetch": {"enabled": true}}}}"#).loaded)
        let job = try #require(loaded.settings.scheduling.job(named: "ercot_fetch"))
        #expect(job.action == .fetch && job.enabled && job.schedule == "every 5 minutes")
        #expect(Settings.defaults.scheduling.job(named: "ercot_fetch")?.enabled == false)

        let workspace = try Workspace(loaded: loaded, dataDirectory: directory.appendingPathComponent("data"),
                                      logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() })
        let source = StaticMarketSource(name: "fake_feed", files: [file])
        var registrations = DartRuntime.Registrations()
        registrations.sources.append { _ in source }
        let runtime = DartRuntime(workspace: workspace, registrations: registrations)
        try await PipelineJobRunner(pipeline: runtime.pipeline()).run(job: job, slotUTC: 1_733_000_000, attempt: 1)

        #expect(source.fetchCount == 1)
        #expect(try workspace.marketStore().status().first?.completeHours == lines.count - 1)
        #expect(try workspace.runStore().runs().isEmpty)

        // A failing source fails the slot (the scheduler records and retries it).
        let broken = StaticMarketSource(name: "broken", files: [], failure: SourceError(.unreachable, context: "test", "down"))
        var failing = DartRuntime.Registrations()
        failing.sources.append { _ in broken }
        await #expect(throws: PipelineJobRunner.FetchFailed.self) {
            try await PipelineJobRunner(pipeline: DartRuntime(workspace: workspace, registrations: failing).pipeline())
                .run(job: job, slotUTC: 1_733_000_300, attempt: 1)
        }
    }
}
