import DartRuntime
import ArgumentParser
import DartCore
import DartMonitoring
import DartReports
import Foundation

/// `dartcast monitor`: one monitoring pass (scores, drift, alerts and their notices), printed;
/// optionally the dashboard page as of the same time.
struct MonitorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "monitor",
        abstract: "Score past forecasts against realized DART, check drift and alerts, print them; optionally write the dashboard.")

    @OptionGroup var global: GlobalOptions

    @Option(help: "The pass's time: only forecasts issued and prices known by then are used (ISO 8601 UTC with Z, market local time without a zone, or now).")
    var asOf: String = "now"

    @Option(help: "Also write the dashboard page (self-contained HTML) as of the same time to this file.")
    var dashboard: String?

    @Option(help: "The point the dashboard shows large (default: the first).")
    var point: String?

    func run() async throws {
        let runtime = try global.runtime(label: "dartcast.monitor")
        let workspace = runtime.workspace
        let asOfUTC = try TimeArgument.parse(asOf, zone: workspace.rules.timeZone)
        let report = try await runtime.monitoringPass().run(asOfUTC: asOfUTC)
        print(MonitoringReportText.render(report))
        if let dashboard {
            var loader = DashboardSnapshotLoader(workspace: workspace)
            loader.refreshSeconds = nil  // a file, not a live page
            let html = DashboardPage.render(loader.load(now: Date(timeIntervalSince1970: TimeInterval(asOfUTC)), selectedPoint: point))
            let url = URL(fileURLWithPath: dashboard)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(html.utf8).write(to: url, options: .atomic)
            print("dashboard written to \(url.path)")
        }
    }
}
