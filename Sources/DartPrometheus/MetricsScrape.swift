/// What the `/metrics` contributors report for one scrape: gauge series, summary series and
/// families to list even without a series. A value, so a contributor that throws half-way is
/// dropped whole; `ScrapeRegistry` then applies the scrape to the registry.
///
/// Writes that the registry could not take (a bad name, a name reused with another help text or
/// type, labelled and unlabelled series in one family) are refused and listed in `problems`.
public struct MetricsScrape: Sendable {
    struct GaugeSeries: Sendable {
        let family: GaugeFamily
        var values: [LabelSet: Double] = [:]
    }

    struct SummarySeries: Sendable {
        let labels: LabelSet
        let quantiles: [(quantile: Double, value: Double)]
        let sum: Double
        let count: Int
    }

    struct Summary: Sendable {
        let family: SummaryFamily
        var series: [SummarySeries] = []
    }

    private enum Kind: Equatable {
        case gauge(help: String)
        case summary(help: String)
    }

    private(set) var gauges: [String: GaugeSeries] = [:]
    /// In the order first reported, so the supplement's text is stable.
    private(set) var summaries: [Summary] = []
    private var kinds: [String: Kind] = [:]
    public private(set) var problems: [MetricsScrapeProblem] = []

    public init() {}

    /// Lists a gauge family (`# HELP`, `# TYPE`) even when it has no series in this scrape.
    public mutating func declare(_ family: GaugeFamily) {
        guard claim(family.name, as: .gauge(help: family.help)) else { return }
        if gauges[family.name] == nil { gauges[family.name] = GaugeSeries(family: family) }
    }

    /// Lists a summary family even when it has no series in this scrape.
    public mutating func declare(_ family: SummaryFamily) {
        guard claim(family.name, as: .summary(help: family.help)) else { return }
        if !summaries.contains(where: { $0.family.name == family.name }) { summaries.append(Summary(family: family)) }
    }

    /// Sets one series of a gauge family; reporting the same labels again replaces the value.
    public mutating func set(_ family: GaugeFamily, labels: [(String, String)] = [], to value: Double) {
        let labelSet = LabelSet(labels)
        guard claim(family.name, as: .gauge(help: family.help)), checkLabels(labelSet, of: family.name) else { return }
        var series = gauges[family.name] ?? GaugeSeries(family: family)
        if let other = series.values.keys.first, other.isEmpty != labelSet.isEmpty {
            refuse(family.name, "it mixes series with and without labels; give every series the same label names")
            return
        }
        series.values[labelSet] = value
        gauges[family.name] = series
    }

    /// Adds one series of a summary family: `quantiles` as (quantile, value), plus sum and count.
    public mutating func summary(_ family: SummaryFamily, labels: [(String, String)], quantiles: [(quantile: Double, value: Double)],
                                 sum: Double, count: Int) {
        let labelSet = LabelSet(labels)
        guard claim(family.name, as: .summary(help: family.help)), checkLabels(labelSet, of: family.name) else { return }
        guard !labelSet.labels.contains(where: { $0.name == "quantile" }) else {
            refuse(family.name, "the label name quantile is the summary's own; rename that label")
            return
        }
        let series = SummarySeries(labels: labelSet, quantiles: quantiles, sum: sum, count: count)
        if let index = summaries.firstIndex(where: { $0.family.name == family.name }) {
            summaries[index].series.removeAll { $0.labels == labelSet }
            summaries[index].series.append(series)
        } else {
            summaries.append(Summary(family: family, series: [series]))
        }
    }

    /// True when `name` is free or already used with the same type and help text.
    private mutating func claim(_ name: String, as kind: Kind) -> Bool {
        guard NameRules.isMetricName(name) else {
            refuse(name, "not a Prometheus metric name ([a-zA-Z_:][a-zA-Z0-9_:]*)")
            return false
        }
        if case .summary = kind, kinds[name + "_sum"] != nil || kinds[name + "_count"] != nil {
            refuse(name, "a gauge already uses \(name)_sum or \(name)_count; rename one of them")
            return false
        }
        for suffix in ["_sum", "_count"] where name.hasSuffix(suffix) {
            if case .summary = kinds[String(name.dropLast(suffix.count))] {
                refuse(name, "it is the \(suffix) series of a summary; rename the gauge")
                return false
            }
        }
        if let existing = kinds[name], existing != kind {
            refuse(name, "already reported with another type or help text; report each family with one definition")
            return false
        }
        kinds[name] = kind
        return true
    }

    private mutating func checkLabels(_ labels: LabelSet, of name: String) -> Bool {
        let names = labels.labels.map(\.name)
        if let bad = names.first(where: { !NameRules.isLabelName($0) }) {
            refuse(name, "label name \(bad) is not a Prometheus label name ([a-zA-Z_][a-zA-Z0-9_]*)")
            return false
        }
        guard Set(names).count == names.count else {
            refuse(name, "a label name appears twice in one series; give each label once")
            return false
        }
        return true
    }

    private mutating func refuse(_ name: String, _ fix: String) {
        let problem = MetricsScrapeProblem(metric: name, fix: fix)
        if !problems.contains(problem) { problems.append(problem) }
    }
}
