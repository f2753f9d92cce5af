/// A gauge family of `/metrics`: its name and `# HELP` text. The registry allows one help text
/// per name, so declare each family once (a `static let`) and reuse it.
public struct GaugeFamily: Hashable, Sendable {
    public let name: String
    public let help: String

    public init(name: String, help: String) {
        self.name = name
        self.help = help
    }
}

/// A summary family: quantiles plus `_sum` and `_count`, computed by whoever reports it.
/// swift-prometheus has no summary type, so `ExpositionSupplement` writes these.
public struct SummaryFamily: Hashable, Sendable {
    public let name: String
    public let help: String

    public init(name: String, help: String) {
        self.name = name
        self.help = help
    }
}
