/// Adds families to `/metrics`. The server's own families come from `RunMetrics`; monitoring
/// (rolling MAE, alerts) plugs in another contributor when the server is built.
public protocol MetricsContributor: Sendable {
    /// Appends families and samples. Throwing drops only this contributor's part (logged);
    /// the rest of the page is still served.
    func contribute(to text: inout PrometheusText) async throws
}

/// A contributor from a closure.
public struct ClosureMetricsContributor: MetricsContributor {
    let body: @Sendable (inout PrometheusText) async throws -> Void

    public init(_ body: @escaping @Sendable (inout PrometheusText) async throws -> Void) {
        self.body = body
    }

    public func contribute(to text: inout PrometheusText) async throws {
        try await body(&text)
    }
}
