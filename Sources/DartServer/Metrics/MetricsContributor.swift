import DartPrometheus

/// Adds families to `/metrics`. The server's own families come from `RunMetrics` and
/// `ServerStatusMetrics`; monitoring (rolling MAE, alerts) plugs in another contributor when the
/// server is built. Everything lands in the server's one `ScrapeRegistry`.
public protocol MetricsContributor: Sendable {
    /// Reports this scrape's series. Throwing drops only this contributor's part (logged);
    /// the rest of the page is still served.
    func contribute(to scrape: inout MetricsScrape) async throws
}

/// A contributor from a closure.
public struct ClosureMetricsContributor: MetricsContributor {
    let body: @Sendable (inout MetricsScrape) async throws -> Void

    public init(_ body: @escaping @Sendable (inout MetricsScrape) async throws -> Void) {
        self.body = body
    }

    public func contribute(to scrape: inout MetricsScrape) async throws {
        try await body(&scrape)
    }
}
