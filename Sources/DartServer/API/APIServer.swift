import DartRuns
import DartWorkspace
import DartScheduler
import Foundation
import Hummingbird
import Logging

/// The HTTP API of `dartcast serve`: its routes over the scheduler, run store, registry and
/// published forecasts. `router()` is what the Hummingbird `Application` serves and what the
/// tests drive.
public struct APIServer: Sendable {
    let workspace: Workspace
    let scheduler: Scheduler
    let runStore: RunStore
    let statistics: RunStatistics
    let predictions: PredictionReader
    let predictionResponses = ResponseCache(capacity: 256)
    let authorization: BearerAuthorization
    let triggers: ManualTriggers
    let state: ServerState
    let metrics: MetricsEndpoint
    let dashboard: (any DashboardRenderer)?
    let now: @Sendable () -> Int64

    /// - Parameters:
    ///   - metrics: contributors to `/metrics` besides the server's own `RunMetrics`.
    ///   - dashboard: renders `GET /`; nil serves `RecentActivityPage`.
    public init(workspace: Workspace, scheduler: Scheduler, runStore: RunStore, authorization: BearerAuthorization,
                triggers: ManualTriggers, state: ServerState, metrics: [any MetricsContributor] = [],
                dashboard: (any DashboardRenderer)? = nil, now: @escaping @Sendable () -> Int64) throws {
        self.workspace = workspace
        self.scheduler = scheduler
        self.runStore = runStore
        statistics = try RunStatistics(dataDirectory: workspace.dataDirectory)
        predictions = PredictionReader(dataDirectory: workspace.dataDirectory, statistics: statistics)
        self.authorization = authorization
        self.triggers = triggers
        self.state = state
        self.metrics = MetricsEndpoint(workspace: workspace, statistics: statistics, state: state, now: now, extra: metrics)
        self.dashboard = dashboard
        self.now = now
    }

    /// Every route, under the JSON error middleware.
    public func router() -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: APIErrorMiddleware())
        addHealthRoutes(to: router)
        addScheduleRoutes(to: router)
        addRunRoutes(to: router)
        addPredictionRoutes(to: router)
        addModelRoutes(to: router)
        router.get("/openapi.json") { _, _ in Responses.text(OpenAPIDocument.json, contentType: Responses.jsonContentType) }
        router.get("/") { request, _ in
            let renderer: any DashboardRenderer = dashboard ?? RecentActivityPage(runStore: runStore, schedules: { try await self.scheduleList() })
            let page = try await renderer.render(point: request.uri.queryParameters.get("point"))
            return Responses.text(page, contentType: "text/html; charset=utf-8")
        }
        return router
    }
}
