import DartRuns
import DartModels
import DartPrometheus
import Foundation

/// The server's own metric families, read from the run store and the model registry on each
/// scrape: runs by job and status, step durations, age of the last success, prediction rows,
/// the delivery backlog, and the validation MAE of each champion.
public struct RunMetrics: MetricsContributor {
    let statistics: RunStatistics
    let registry: @Sendable () throws -> ModelRegistry
    let now: @Sendable () -> Int64
    /// Runs the step-duration summary is computed over.
    let recentRuns: Int

    public init(statistics: RunStatistics, registry: @escaping @Sendable () throws -> ModelRegistry,
                now: @escaping @Sendable () -> Int64, recentRuns: Int = 500) {
        self.statistics = statistics
        self.registry = registry
        self.now = now
        self.recentRuns = recentRuns
    }

    static let runs = GaugeFamily(name: "dartcast_runs", help: "Run records by job and status.")
    static let lastSuccessAge = GaugeFamily(name: "dartcast_last_success_age_seconds",
                                            help: "Seconds since the newest succeeded run of each job finished.")
    static let lastSuccessRows = GaugeFamily(name: "dartcast_last_success_prediction_rows",
                                             help: "Forecast rows of the newest succeeded run of each job.")
    static let deliveryBacklog = GaugeFamily(name: "dartcast_delivery_backlog", help: "Pending deliveries by target (retried from the outbox).")
    static let validationMAE = GaugeFamily(name: "dartcast_model_validation_mae", help: "Validation MAE ($/MWh) of each champion at registration.")
    var stepDuration: SummaryFamily {
        SummaryFamily(name: "dartcast_step_duration_seconds", help: "Step durations over the newest \(recentRuns) runs.")
    }

    public func contribute(to scrape: inout MetricsScrape) async throws {
        // Declared up front: a family is listed even while it has no series (e.g. no champion yet).
        for family in [Self.runs, Self.lastSuccessAge, Self.lastSuccessRows, Self.deliveryBacklog, Self.validationMAE] {
            scrape.declare(family)
        }
        scrape.declare(stepDuration)
        for count in try statistics.countsByJobAndStatus() {
            scrape.set(Self.runs, labels: [("job", count.job), ("status", count.status)], to: Double(count.count))
        }

        for run in try statistics.lastSuccesses() {
            scrape.set(Self.lastSuccessAge, labels: [("job", run.job)], to: Double(now() - (run.finishedAtUTC ?? run.startedAtUTC)))
            scrape.set(Self.lastSuccessRows, labels: [("job", run.job), ("product", run.product)],
                       to: Double(run.rowCounts["predictions"] ?? 0))
        }

        stepDurations(try statistics.recentRecords(limit: recentRuns), into: &scrape)

        for (target, count) in try statistics.pendingDeliveriesByTarget() {
            scrape.set(Self.deliveryBacklog, labels: [("target", target)], to: Double(count))
        }

        try championMAE(into: &scrape)
    }

    private func stepDurations(_ records: [RunRecord], into scrape: inout MetricsScrape) {
        var byStep: [String: [Double]] = [:]
        for record in records {
            for step in record.steps { if let seconds = step.durationSeconds { byStep[step.name, default: []].append(seconds) } }
        }
        for (step, values) in byStep.sorted(by: { $0.key < $1.key }) {
            let sorted = values.sorted()
            scrape.summary(stepDuration, labels: [("step", step)],
                           quantiles: [0.5, 0.9, 0.99].map { (quantile: $0, value: Self.quantile(sorted, $0)) },
                           sum: values.reduce(0, +), count: values.count)
        }
    }

    /// Nearest-rank quantile of ascending values.
    static func quantile(_ sorted: [Double], _ q: Double) -> Double {
        guard !sorted.isEmpty else { return .nan }
        let rank = Int((q * Double(sorted.count)).rounded(.up))
        return sorted[min(max(rank, 1), sorted.count) - 1]
    }

    private func championMAE(into scrape: inout MetricsScrape) throws {
        let registry = try registry()
        let aliases = try registry.currentAliases()
        for version in try registry.versions() where aliases[version.id]?.contains(.champion) == true {
            guard let mae = try ModelMetricsReader.validationMAE(registry.details(version.id)).mae else { continue }
            scrape.set(Self.validationMAE, labels: [("family", version.family.rawValue), ("product", version.product),
                                                    ("version", version.id)], to: mae)
        }
    }
}

/// Reads the MAE figures out of a version's attached validation metrics JSON.
enum ModelMetricsReader {
    static func validationMAE(_ details: ModelVersionDetails) -> (mae: Double?, zero: Double?) {
        guard let json = details.metrics.first(where: { $0.kind == .validation })?.json,
              let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] else { return (nil, nil) }
        return ((object["validation_mae"] as? NSNumber)?.doubleValue, (object["zero_validation_mae"] as? NSNumber)?.doubleValue)
    }
}
