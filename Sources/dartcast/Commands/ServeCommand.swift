import DartRuntime
import DartWorkspace
import ArgumentParser
import DartMonitoring
import DartPipeline
import DartReports
import DartServer
import Foundation

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the scheduler, the HTTP API and the outbox retrier in one process.",
        discussion: """
            Jobs run at their slots (scheduling.jobs) through the production pipeline. The API (docs/server.md, \
            /openapi.json) listens on server.host:server.port (127.0.0.1:8080). POST endpoints need \
            Authorization: Bearer <token>, the token coming from DARTCAST_API_TOKEN (server.api_token_env). \
            SIGTERM or SIGINT drains: running jobs get server.drain_timeout_seconds to finish, then are recorded \
            as interrupted; the exit status is 0.
            """)

    @OptionGroup var global: GlobalOptions

    @Option(help: "Address to bind (default: server.host, 127.0.0.1).")
    var host: String?

    @Option(help: "Port (default: server.port, 8080; 0 picks a free one).")
    var port: Int?

    func validate() throws {
        if let port, !(0...65_535).contains(port) { throw ValidationError("--port must be 0–65535") }
    }

    func run() async throws {
        // A service: info lines by default, for the log collector (docs/server.md).
        let runtime = try global.runtime(label: "dartcast.serve", commandDefault: .info)
        let workspace = runtime.workspace
        let environment = ProcessInfo.processInfo.environment
        let hold = StepHold.fromEnvironment(environment)
        if let hold { workspace.logger.warning("\(StepHold.stepVariable) is set: every run holds before \(hold.step) until cancelled (test knob)") }
        // Monitoring's rolling MAE, drift and alert families, and its dashboard page.
        let monitoringMetrics = ClosureMetricsContributor { scrape in
            try MonitoringMetrics(workspace: workspace).write(into: &scrape)
        }
        let configuration = ServeRuntime.Configuration(server: workspace.settings.server, host: host, port: port, stepHold: hold,
                                                       metrics: [monitoringMetrics], dashboard: MonitoringDashboard(workspace: workspace))
        try await ServeRuntime(runtime: runtime, configuration: configuration).run { address in
            // Unbuffered: scripts and tests wait for this line.
            FileHandle.standardOutput.write(Data("dartcast serve listening on \(address)\n".utf8))
        }
    }
}

/// `GET /`: the monitoring dashboard from the live stores.
struct MonitoringDashboard: DashboardRenderer {
    let workspace: Workspace

    func render(point: String?) async throws -> String {
        DashboardPage.render(DashboardSnapshotLoader(workspace: workspace).load(now: Date(), selectedPoint: point))
    }
}
