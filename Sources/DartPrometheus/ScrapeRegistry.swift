import Foundation
import Prometheus

/// The server's one swift-prometheus registry and the `/metrics` page made from it.
///
/// The families are read from stores at scrape time, so each `publish` sets the scrape's gauges
/// on the registry and unregisters the series (and families) the scrape no longer reports: the
/// page shows exactly the latest scrape. Publishing is serialized, so two scrapes never interleave
/// their updates.
public final class ScrapeRegistry: @unchecked Sendable {
    /// Content-Type of the text exposition format.
    public static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    /// Shared with anything else that reports into the same page (e.g. a `PrometheusMetricsFactory`).
    public let registry: PrometheusCollectorRegistry
    private let lock = NSLock()
    /// Gauges this object registered, by family name, with the help text they were registered with.
    private var live: [String: (help: String, gauges: [LabelSet: Gauge])] = [:]

    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
    }

    /// Applies `scrape` to the registry and returns the page (registry output, then the supplement).
    public func publish(_ scrape: MetricsScrape) -> String {
        lock.withLock {
            removeUnreported(scrape)
            for (name, series) in scrape.gauges {
                var family = live[name] ?? (help: series.family.help, gauges: [:])
                let descriptor = MetricNameDescriptor(metricName: name, unitName: "", helpText: series.family.help)
                for (labels, value) in series.values {
                    let gauge = family.gauges[labels] ?? registry.makeGauge(descriptor: descriptor, labels: labels.pairs)
                    gauge.set(to: value)
                    family.gauges[labels] = gauge
                }
                live[name] = family.gauges.isEmpty ? nil : family
            }
            var buffer: [UInt8] = []
            registry.emit(into: &buffer)
            for (name, series) in scrape.gauges.sorted(by: { $0.key < $1.key }) where series.values.isEmpty {
                ExpositionSupplement.declaration(name: name, help: series.family.help, type: "gauge", into: &buffer)
            }
            for summary in scrape.summaries { ExpositionSupplement.summary(summary, into: &buffer) }
            return String(decoding: buffer, as: UTF8.self)
        }
    }

    /// Unregisters every series `scrape` does not report, and whole families whose help text
    /// changed (the registry refuses a second help text for a name while the first is registered).
    private func removeUnreported(_ scrape: MetricsScrape) {
        for (name, family) in live {
            let reported = scrape.gauges[name]
            let keepFamily = reported?.family.help == family.help
            var kept = family.gauges
            for (labels, gauge) in family.gauges where !keepFamily || reported?.values[labels] == nil {
                registry.unregisterGauge(gauge)
                kept[labels] = nil
            }
            live[name] = kept.isEmpty ? nil : (help: family.help, gauges: kept)
        }
    }
}
