import DartPrometheus
import DartWorkspace
import Logging

/// What `GET /metrics` serves: every contributor's part of a scrape, published through the
/// server's one `ScrapeRegistry` (swift-prometheus). One per `APIServer`, so one per process.
struct MetricsEndpoint: Sendable {
    let registry: ScrapeRegistry
    /// The server's own contributors first, then the embedder's (monitoring).
    let contributors: [any MetricsContributor]

    init(registry: ScrapeRegistry = ScrapeRegistry(), contributors: [any MetricsContributor]) {
        self.registry = registry
        self.contributors = contributors
    }

    /// The server's own families (status, runs, steps, deliveries, champions), then `extra`.
    init(workspace: Workspace, statistics: RunStatistics, state: ServerState, now: @escaping @Sendable () -> Int64,
         extra: [any MetricsContributor]) {
        let runs = RunMetrics(statistics: statistics, registry: { [workspace] in try workspace.registry() }, now: now)
        self.init(contributors: [ServerStatusMetrics(state: state), runs] + extra)
    }

    /// One scrape: a contributor that throws is left out (logged), and so are refused writes.
    func page(logger: Logger) async -> String {
        var scrape = MetricsScrape()
        for contributor in contributors {
            var part = scrape
            do {
                try await contributor.contribute(to: &part)
                scrape = part
            } catch {
                logger.error("a metrics contributor failed; its families are left out", metadata: ["error": "\(error)"])
            }
        }
        for problem in scrape.problems { logger.warning("\(problem)") }
        return registry.publish(scrape)
    }

    static let contentType = ScrapeRegistry.contentType
}
