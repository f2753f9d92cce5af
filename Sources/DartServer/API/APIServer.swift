import DartAPI
import DartRuns
import DartWorkspace
import DartScheduler
import Foundation
import Hummingbird
import Logging
import OpenAPIHummingbird
import OpenAPIRuntime

/// The HTTP API of `dartcast serve` over the scheduler, run store, registry and published
/// forecasts. The JSON API implements `APIProtocol`, generated from `Sources/DartAPI/openapi.yaml`
/// (one file per area in `Routes/`); the page, metrics, the spec and file downloads are plain
/// routes. `router()` is what the Hummingbird `Application` serves and what the tests drive.
public struct APIServer: APIProtocol, Sendable {
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
    let document: OpenAPIDocument
    let logger: Logger
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
        document = try OpenAPIDocument()
        logger = workspace.logger
        self.now = now
    }

    /// Every route, under the JSON error middleware; the generated ones behind the token and query
    /// checks (and the predictions cache).
    public func router() throws -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: APIErrorMiddleware(document: document))
        try registerHandlers(
            on: router,
            // Same JSON as the hand-written routes wrote: compact, sorted keys, slashes as is.
            configuration: Configuration(jsonEncodingOptions: [.sortedKeys, .withoutEscapingSlashes]),
            middlewares: [BearerAuthMiddleware(authorization: authorization, operations: document.operations),
                          QueryCheckMiddleware(operations: document.operations),
                          PredictionCacheMiddleware(server: self)])
        addMetricsRoute(to: router)
        addRunFileRoute(to: router)
        router.get("/openapi.json") { [document] _, _ in Responses.text(document.json, contentType: Responses.jsonContentType) }
        router.get("/") { request, _ in
            let renderer: any DashboardRenderer = dashboard ?? RecentActivityPage(runStore: runStore, schedules: { try await self.scheduleList() })
            let page = try await renderer.render(point: request.uri.queryParameters.get("point"))
            return Responses.text(page, contentType: "text/html; charset=utf-8")
        }
        return router
    }
}
