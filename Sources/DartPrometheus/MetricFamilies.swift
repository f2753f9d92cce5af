/// A metric family of `/metrics`: its name and `# HELP` text. The registry allows one help text
/// per name, so declare each family once (a `static let`) and reuse it. `Kind` keeps gauges and
/// summaries apart at compile time.
public struct MetricFamily<Kind>: Hashable, Sendable {
    public let name: String
    public let help: String

    public init(name: String, help: String) {
        self.name = name
        self.help = help
    }
}

public enum GaugeKind {}
/// swift-prometheus has no summary type, so `ExpositionSupplement` writes these.
public enum SummaryKind {}

/// A gauge family.
public typealias GaugeFamily = MetricFamily<GaugeKind>
/// A summary family: quantiles plus `_sum` and `_count`, computed by whoever reports it.
public typealias SummaryFamily = MetricFamily<SummaryKind>
