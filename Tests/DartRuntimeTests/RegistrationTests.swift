import DartConfig
import DartCore
import DartPipeline
import DartPublish
import DartRuntime
import DartTesting
import DartWorkspace
import Foundation
import Logging
import Testing

/// A new market source and a new notification channel are one type plus one registration
/// entry: registered fakes are used by a production run exactly like the shipped ones.
@Suite(.serialized) struct RegistrationTests {
    static let points = ["HB_HOUSTON", "HB_NORTH", "HB_SOUTH", "HB_WEST"]

    @Test func aRunUsesARegisteredSourceAndChannel() async throws {
        let directory = try SamplePaths.temporaryDirectory("dartcast-registration")
        let file = directory.appendingPathComponent("slice.csv")
        let lines = SampleText.dartHourlySlice(points: Self.points, from: "2024-09-01", through: "2024-11-30")
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: file)
        let quoted = Self.points.map { "\"\($0)\"" }.joined(separator: ", ")
        let json = """
            {"market": {"settlement_points": [\(quoted)]},
             "output": {"notify": true}, "notifications": {"enabled": true, "on_success": true},
             "models": {"families": ["lightgbm"], "ensemble": false, "threads": 1, "training_window_days": 45, "cv_folds": 0,
                        "hyperparameters": {"lightgbm": {"num_iterations": 25, "learning_rate": 0.1, "early_stopping_rounds": 20}}}}
            """
        let loaded = try #require(SettingsLoader.check(json: json).loaded)
        var logger = Logger(label: "dartcast.tests.runtime")
        logger.logLevel = .critical
        let workspace = try Workspace(loaded: loaded, dataDirectory: directory.appendingPathComponent("data"), logger: logger)

        let source = StaticMarketSource(name: "fake_feed", files: [file])
        let notifier = RecordingNotifier(channel: "fake_chat")
        var registrations = DartRuntime.Registrations()
        registrations.sources.append { _ in source }
        registrations.channels.append(notifier.channelRegistration)
        let runtime = DartRuntime(workspace: workspace, registrations: registrations)

        #expect(runtime.sources.map(\.name) == ["inbox", "fake_feed"])
        let issue = IssueTime(utc: UTCFormat.parse("2024-11-28T11:00:00Z")!)
        let result = try await runtime.pipeline().execute(RunRequest(job: "registration", slotUTC: issue.utc, product: .dayahead, issue: issue))
        let ingest = try #require(result.record.steps.first { $0.name == "ingest_new" })
        #expect(ingest.status == .succeeded)
        #expect(ingest.detail["fake_feed_files"] == "1")
        #expect(Int(ingest.detail["rows_stored"] ?? "") == lines.count - 1)
        #expect(source.fetchCount == 1)
        #expect(result.record.status == .succeeded)
        #expect(result.rows.count == 4 * 24)
        // The registered channel is the only one enabled, so it gets the run notice.
        #expect(result.deliveries.map(\.target).contains("notify:fake_chat"))
        #expect(notifier.notices.map(\.runID) == [result.record.runID])
    }
}
