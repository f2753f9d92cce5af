import DartConfig
import DartMonitoring
import DartServer
import DartWorkspace
import DartCore
import DartPipeline
import DartScheduler
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle

/// `dartcast serve`: the scheduler (running `RunPipeline`), manual triggers, the outbox
/// retrier, the monitoring service and the HTTP API as Services in one `ServiceGroup`, all
/// built from one `DartRuntime` and sleeping on its clock.
///
/// SIGTERM/SIGINT drain: no new slots or triggers start; running jobs get `drainTimeout` to
/// finish, then they are cancelled and recorded `interrupted`; `run()` then returns normally.
/// Runs left `running` by a process that is gone are marked interrupted on start (`RunStore`).
public struct ServeRuntime: Sendable {
    public struct Configuration: Sendable {
        public var host: String
        public var port: Int
        public var drainTimeout: Duration
        public var outboxRetryInterval: Duration
        /// Test knob: hold runs before a step (`StepHold.fromEnvironment`).
        public var stepHold: StepHold?
        /// Extra `/metrics` families (monitoring).
        public var metrics: [any MetricsContributor]
        /// Renders `GET /`; nil serves the plain recent-activity page.
        public var dashboard: (any DashboardRenderer)?
        /// Told each monitoring pass's outcome (tests wait on it).
        public var onMonitoringReport: @Sendable (Result<MonitoringReport, any Error>) -> Void = { _ in }

        public init(server: ServerSettings, host: String? = nil, port: Int? = nil, stepHold: StepHold? = nil,
                    metrics: [any MetricsContributor] = [], dashboard: (any DashboardRenderer)? = nil) {
            self.host = host ?? server.host
            self.port = port ?? server.port
            drainTimeout = .seconds(server.drainTimeoutSeconds)
            outboxRetryInterval = .seconds(server.outboxRetrySeconds)
            self.stepHold = stepHold
            self.metrics = metrics
            self.dashboard = dashboard
        }
    }

    let runtime: DartRuntime
    let configuration: Configuration
    var workspace: Workspace { runtime.workspace }
    var logger: Logger { runtime.logger }

    public init(runtime: DartRuntime, configuration: Configuration) {
        self.runtime = runtime
        self.configuration = configuration
    }

    /// Runs until SIGTERM/SIGINT and the drain end.
    /// - Parameter onListening: told the bound address (`http://127.0.0.1:8080`) once the server listens.
    /// - Throws: when a store cannot be opened or the port cannot be bound.
    public func run(onListening: @escaping @Sendable (String) -> Void = { _ in }) async throws {
        let now = runtime.nowUTC
        let runStore = try workspace.runStore()
        // Opening the store marked runs whose process is gone; runs of live processes (a
        // `dartcast run` started from a shell) are left alone.
        for runID in runStore.interruptedAtOpen {
            logger.warning("run's process ended before the run finished; recorded as interrupted", metadata: ["run_id": "\(runID)"])
        }
        let pipeline = runtime.pipeline(hooks: StepHold.hooks(configuration.stepHold))
        let state = ServerState()
        let logger = logger
        let scheduler = try runtime.scheduler(pipeline: pipeline, observe: { state.observe($0) })
        let triggers = ManualTriggers(scheduler: scheduler, logger: logger)
        let token = workspace.loaded.secrets.value(forEnvironmentVariable: workspace.settings.server.apiTokenEnv)
        if token == nil {
            logger.notice("no API token configured: POST endpoints answer 403; set \(workspace.settings.server.apiTokenEnv) to enable them")
            if !Self.isLoopback(configuration.host) {
                logger.warning("listening on \(configuration.host) without an API token: anyone who can reach this port can read runs, forecasts and models; set \(workspace.settings.server.apiTokenEnv) or bind 127.0.0.1")
            }
        }
        let api = try APIServer(workspace: workspace, scheduler: scheduler, runStore: runStore,
                                authorization: BearerAuthorization(token: token, environmentVariable: workspace.settings.server.apiTokenEnv),
                                triggers: triggers, state: state, metrics: configuration.metrics, dashboard: configuration.dashboard, now: now)
        let host = configuration.host
        let app = Application(
            router: try api.router(),
            configuration: .init(address: .hostname(host, port: configuration.port), serverName: "dartcast"),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? 0
                logger.info("http server listening", metadata: ["host": "\(host)", "port": "\(port)"])
                onListening("http://\(host):\(port)")
            },
            logger: logger)
        let retrier = OutboxRetrier(pipeline: pipeline, interval: configuration.outboxRetryInterval, clock: runtime.clock, logger: logger)
        let monitoring = MonitoringService(pass: try runtime.monitoringPass(), clock: runtime.clock, now: now, logger: logger,
                                           onReport: configuration.onMonitoringReport)
        // Shut down in reverse: mark draining, stop the scheduler (waits for its runs), then
        // triggers, monitoring, the retrier, and last the HTTP server (so /readyz reports the drain).
        let services: [any Service] = [CancellationTolerant(app), retrier, monitoring, triggers, scheduler,
                                       DrainMarker(state: state, logger: logger)]
        var groupConfiguration = ServiceGroupConfiguration(services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        groupConfiguration.maximumGracefulShutdownDuration = configuration.drainTimeout
        groupConfiguration.maximumCancellationDuration = .seconds(30)
        try await ServiceGroup(configuration: groupConfiguration).run()

        let leftover = try runStore.markRunningAsInterrupted(nowUTC: now(), reason: "drain timeout: the server stopped before the run finished")
        for runID in leftover { logger.warning("run cut short by the drain timeout; recorded as interrupted", metadata: ["run_id": "\(runID)"]) }
        logger.info("dartcast serve stopped")
    }
}

extension ServeRuntime {
    /// Whether `host` only accepts connections from this machine.
    static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }
}

/// Sets `ServerState.isDraining` when a graceful shutdown starts (it is shut down first).
struct DrainMarker: Service {
    let state: ServerState
    let logger: Logger

    func run() async throws {
        try? await gracefulShutdown()
        state.markDraining()
        logger.notice("shutdown requested: draining (no new runs; running jobs may finish until the drain timeout)")
    }
}

/// Wraps a service that throws when cancelled at the drain timeout, so the timeout ends the
/// process cleanly instead of as a failure.
struct CancellationTolerant: Service {
    let service: any Service

    init(_ service: any Service) { self.service = service }

    func run() async throws {
        do {
            try await service.run()
        } catch where Task.isCancelled {
            return
        }
    }
}
