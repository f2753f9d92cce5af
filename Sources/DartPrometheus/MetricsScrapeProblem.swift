/// A write that `MetricsScrape` refused, naming the metric and what to change in the code that
/// reported it. The scrape keeps going; the server logs these.
public struct MetricsScrapeProblem: Error, Hashable, Sendable, CustomStringConvertible {
    public let metric: String
    public let fix: String

    public var description: String { "metric \(metric) is left out of /metrics: \(fix)" }
}
