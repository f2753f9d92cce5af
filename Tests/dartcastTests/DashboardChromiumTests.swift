import DartPublish
import DartWorkspace
import DartConfig
import DartCore
import DartMonitoring
import DartPipeline
import DartReports
import DartTesting
import Foundation
import Logging
import Testing

/// Renders the dashboard of a workspace after a real pipeline run on the bundled sample and
/// loads it in headless Chromium: what a browser builds from the page must hold the runs table
/// and the forecast chart with its band.
@Suite struct DashboardChromiumTests {
    static let points = ["HB_HOUSTON", "HB_NORTH", "HB_SOUTH", "HB_WEST"]
    /// Day-ahead issue 05:00 CST on 2024-11-28 for operating day 2024-11-29.
    static let issueUTC = UTCFormat.parse("2024-11-28T11:00:00Z")!
    /// 06:00 CST on 2024-11-30: every hour of 2024-11-29 has its realized DART.
    static let dashboardTimeUTC = UTCFormat.parse("2024-11-30T12:00:00Z")!

    @Test func chromiumShowsTheRunsTableAndTheForecastBand() async throws {
        let chromium = try Self.chromium()
        let workspace = try await Self.workspaceAfterARun()
        // Alert notices go to the configured webhook, which is down: the pass still completes.
        let report = try await MonitoringPass(workspace: workspace).run(asOfUTC: Self.dashboardTimeUTC)
        #expect(report.rolling.contains { $0.windowDays == 7 && $0.rows > 0 })
        #expect(report.notices.failures.allSatisfy { !$0.contains(Self.secretToken) })

        let snapshot = DashboardSnapshotLoader(workspace: workspace).load(now: Date(timeIntervalSince1970: TimeInterval(Self.dashboardTimeUTC)))
        #expect(snapshot.problems.isEmpty, "\(snapshot.problems)")
        let page = workspace.dataDirectory.appendingPathComponent("dashboard.html")
        try Data(DashboardPage.render(snapshot).utf8).write(to: page)

        let html = try String(contentsOf: page, encoding: .utf8)
        #expect(html.contains("id=\"deliveries-table\"") && html.contains("notify:webhook"), "the failed webhook delivery is listed")
        #expect(!html.contains(Self.secretToken), "a secret reached the page")

        let dom = try Self.dumpDOM(chromium: chromium, page: page, profile: workspace.dataDirectory.appendingPathComponent("chromium"))
        let runsTable = try #require(Self.element(dom, from: "<table id=\"runs-table\"", to: "</table>"), "no runs table in the DOM")
        let runRows = runsTable.components(separatedBy: "<tr").count - 1 - 1  // minus the header row
        #expect(runRows >= 1)
        #expect(!runsTable.contains("class=\"empty\""))
        #expect(runsTable.contains("badge succeeded"))
        let chart = try #require(Self.element(dom, from: "<svg id=\"forecast-chart\"", to: "</svg>"), "no forecast chart in the DOM")
        #expect(chart.contains("<path d=\"M") && chart.contains("fill-opacity=\"0.25\""), "the P10–P90 band path is missing")
        #expect(chart.contains("class=\"series\""))
        #expect(chart.contains("realized"))
        #expect(!dom.contains(Self.secretToken))
    }

    /// The same page as served by `dartcast serve` at `/`, loaded over HTTP.
    @Test func chromiumLoadsTheServedDashboard() async throws {
        let chromium = try Self.chromium()
        let workspace = try await Self.workspaceAfterARun()
        _ = try await MonitoringPass(workspace: workspace).run(asOfUTC: Self.dashboardTimeUTC)
        let root = workspace.dataDirectory
        let config = root.appendingPathComponent("serve-settings.json")
        try Data(Self.settingsJSON.utf8).write(to: config)
        let server = try ServeProcess(arguments: ["serve", "--config", config.path, "--data-dir", root.path],
                                      environment: Self.webhookEnvironment.merging(["OMP_WAIT_POLICY": "passive"]) { $1 },
                                      logDirectory: root, label: "dashboard-serve")
        defer { server.stop() }
        let address = try await server.waitForAddress(timeout: .seconds(60))

        let dom = try Self.dumpDOM(chromium: chromium, page: URL(string: address + "/")!, profile: root.appendingPathComponent("chromium-served"))
        let runsTable = try #require(Self.element(dom, from: "<table id=\"runs-table\"", to: "</table>"), "no runs table in the served DOM")
        #expect(runsTable.contains("badge succeeded") && runsTable.contains("daily_retrain"))
        let chart = try #require(Self.element(dom, from: "<svg id=\"forecast-chart\"", to: "</svg>"), "no forecast chart in the served DOM")
        #expect(chart.contains("<path d=\"M") && chart.contains("fill-opacity=\"0.25\""), "the P10–P90 band path is missing")
        #expect(dom.contains("id=\"schedules\"") && dom.contains("id=\"models\""))
        #expect(!dom.contains(Self.secretToken))
        server.terminate()
        #expect(try await server.waitForExit(timeout: .seconds(30)) == 0)
    }

    /// Part of the webhook URL, which is a credential: it must never be shown.
    static let secretToken = "SECRET-TOKEN-4711"

    // MARK: Helpers

    /// Chromium from PATH (Debian package `chromium`), or a failure saying how to install it.
    static func chromium() throws -> URL {
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
            for name in ["chromium", "chromium-browser"] {
                let url = URL(fileURLWithPath: String(directory)).appendingPathComponent(name)
                if FileManager.default.isExecutableFile(atPath: url.path) { return url }
            }
        }
        throw DashboardTestError("chromium is not installed; run `scripts/setup --test` (it installs the Debian package chromium)")
    }

    static func dumpDOM(chromium: URL, page: URL, profile: URL) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/timeout")
        process.arguments = ["120", chromium.path, "--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=\(profile.path)",
                             "--dump-dom", page.absoluteString]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw DashboardTestError("chromium --dump-dom exited with \(process.terminationStatus)")
        }
        return String(decoding: data, as: UTF8.self)
    }

    static func element(_ text: String, from start: String, to end: String) -> String? {
        guard let open = text.range(of: start), let close = text.range(of: end, range: open.upperBound..<text.endIndex) else { return nil }
        return String(text[open.lowerBound..<close.upperBound])
    }

    /// 4 hubs, LightGBM only, a webhook notifier that is down; no scheduled jobs (the served test
    /// must show the run made here, not start new ones).
    static var settingsJSON: String {
        let quoted = points.map { "\"\($0)\"" }.joined(separator: ", ")
        return """
            {"market": {"settlement_points": [\(quoted)]},
             "models": {"families": ["lightgbm"], "ensemble": false, "threads": 1, "training_window_days": 45, "cv_folds": 0,
                        "hyperparameters": {"lightgbm": {"num_iterations": 25, "learning_rate": 0.1, "min_data_in_leaf": 20, "early_stopping_rounds": 20, "feature_fraction": 0.6, "bagging_fraction": 0.6, "max_bin": 31}}},
             "output": {"notify": true},
             "notifications": {"enabled": true, "on_success": true, "max_retries": 0, "timeout_seconds": 2,
                               "webhook": {"enabled": true}},
             "scheduling": {"jobs": {"daily_retrain": {"enabled": false}, "hourly_predict": {"enabled": false}}},
             "server": {"port": 0}}
            """
    }

    /// Nothing listens on port 9 (discard): every notice fails fast.
    static let webhookEnvironment = ["DARTCAST_WEBHOOK_URL": "http://127.0.0.1:9/hooks/\(secretToken)"]

    /// A workspace on 4 hubs × 3 months of the sample after one retraining day-ahead run.
    static func workspaceAfterARun() async throws -> Workspace {
        let dataDirectory = try SamplePaths.temporaryDirectory("dartcast-dashboard")
        let inbox = dataDirectory.appendingPathComponent("inbox")
        try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
        try Data(try sampleSlice().utf8).write(to: inbox.appendingPathComponent("slice.csv"))
        guard let loaded = SettingsLoader.check(json: settingsJSON, environment: webhookEnvironment).loaded else {
            throw DashboardTestError("test settings do not load")
        }
        let workspace = try Workspace(loaded: loaded, dataDirectory: dataDirectory, logger: Logger(label: "dartcast.tests.dashboard"))
        let pipeline = RunPipeline(workspace: workspace, targets: PublishTargetFactory(workspace: workspace, console: { _ in }))
        let result = try await pipeline.execute(RunRequest(job: "daily_retrain", slotUTC: issueUTC, product: .dayahead, retrain: true))
        guard result.record.status == .succeeded, !result.rows.isEmpty else {
            throw DashboardTestError("the sample run did not succeed: \(result.record.error ?? "no rows")")
        }
        return workspace
    }

    /// The sample's tidy rows of `points`, 2024-09-01 … 2024-11-30, header first.
    static func sampleSlice() throws -> String {
        let text = try SampleText.gunzip(SamplePaths.dartHourly15)
        let wanted = Set(points)
        var kept: [Substring] = []
        for (index, line) in text.split(separator: "\n").enumerated() {
            if index == 0 { kept.append(line); continue }
            let date = line.prefix(10)
            guard date >= "2024-09-01", date <= "2024-11-30" else { continue }
            let fields = line.split(separator: ",", maxSplits: 5)
            if fields.count > 4, wanted.contains(String(fields[4])) { kept.append(line) }
        }
        return kept.joined(separator: "\n") + "\n"
    }
}

struct DashboardTestError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
