import DartRuns
import DartModels
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

    public func contribute(to text: inout PrometheusText) async throws {
        text.family("dartcast_runs", type: .gauge, help: "Run records by job and status.")
        for count in try statistics.countsByJobAndStatus() {
            text.sample("dartcast_runs", labels: [("job", count.job), ("status", count.status)], Double(count.count))
        }

        let successes = try statistics.lastSuccesses()
        text.family("dartcast_last_success_age_seconds", type: .gauge, help: "Seconds since the newest succeeded run of each job finished.")
        for run in successes {
            text.sample("dartcast_last_success_age_seconds", labels: [("job", run.job)], Double(now() - (run.finishedAtUTC ?? run.startedAtUTC)))
        }
        text.family("dartcast_last_success_prediction_rows", type: .gauge, help: "Forecast rows of the newest succeeded run of each job.")
        for run in successes {
            text.sample("dartcast_last_success_prediction_rows", labels: [("job", run.job), ("product", run.product)],
                        Double(run.rowCounts["predictions"] ?? 0))
        }

        stepDurations(try statistics.recentRecords(limit: recentRuns), into: &text)

        text.family("dartcast_delivery_backlog", type: .gauge, help: "Pending deliveries by target (retried from the outbox).")
        for (target, count) in try statistics.pendingDeliveriesByTarget().sorted(by: { $0.key < $1.key }) {
            text.sample("dartcast_delivery_backlog", labels: [("target", target)], Double(count))
        }

        try championMAE(into: &text)
    }

    private func stepDurations(_ records: [RunRecord], into text: inout PrometheusText) {
        var byStep: [String: [Double]] = [:]
        for record in records {
            for step in record.steps { if let seconds = step.durationSeconds { byStep[step.name, default: []].append(seconds) } }
        }
        let name = "dartcast_step_duration_seconds"
        text.family(name, type: .summary, help: "Step durations over the newest \(recentRuns) runs.")
        for (step, values) in byStep.sorted(by: { $0.key < $1.key }) {
            let sorted = values.sorted()
            for quantile in [0.5, 0.9, 0.99] {
                text.sample(name, labels: [("step", step), ("quantile", "\(quantile)")], Self.quantile(sorted, quantile))
            }
            text.sample(name + "_sum", labels: [("step", step)], values.reduce(0, +))
            text.sample(name + "_count", labels: [("step", step)], Double(values.count))
        }
    }

    /// Nearest-rank quantile of ascending values.
    static func quantile(_ sorted: [Double], _ q: Double) -> Double {
        guard !sorted.isEmpty else { return .nan }
        let rank = Int((q * Double(sorted.count)).rounded(.up))
        return sorted[min(max(rank, 1), sorted.count) - 1]
    }

    private func championMAE(into text: inout PrometheusText) throws {
        let registry = try registry()
        text.family("dartcast_model_validation_mae", type: .gauge, help: "Validation MAE ($/MWh) of each champion at registration.")
        let aliases = try registry.currentAliases()
        for version in try registry.versions() where aliases[version.id]?.contains(.champion) == true {
            guard let mae = try ModelMetricsReader.validationMAE(registry.details(version.id)).mae else { continue }
            text.sample("dartcast_model_validation_mae", labels: [("family", version.family.rawValue), ("product", version.product),
                                                                   ("version", version.id)], mae)
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
