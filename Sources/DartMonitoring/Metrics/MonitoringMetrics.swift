import DartWorkspace
import DartCore
import Foundation

/// One Prometheus sample: a metric name, labels and a value.
public struct MetricSample: Hashable, Sendable {
    public var name: String
    public var labels: [(String, String)]
    public var value: Double

    public init(name: String, labels: [(String, String)], value: Double) {
        self.name = name
        self.labels = labels
        self.value = value
    }

    public static func == (lhs: MetricSample, rhs: MetricSample) -> Bool {
        lhs.name == rhs.name && lhs.value == rhs.value && lhs.labels.map(\.0) == rhs.labels.map(\.0) && lhs.labels.map(\.1) == rhs.labels.map(\.1)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        for (key, value) in labels { hasher.combine(key); hasher.combine(value) }
        hasher.combine(value)
    }

    /// `name{a="x",b="y"} value` with label values escaped as the exposition format requires.
    public var line: String {
        let labelText = labels.map { "\($0.0)=\"\(Self.escape($0.1))\"" }.joined(separator: ",")
        return "\(name)\(labelText.isEmpty ? "" : "{\(labelText)}") \(Self.number(value))"
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"").replacingOccurrences(of: "\n", with: "\\n")
    }

    static func number(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "+Inf" : "-Inf" }
        return value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}

/// The monitoring figures the HTTP server exposes on `/metrics`, read from the monitoring store:
/// rolling MAE and skill per model line, PSI per feature, open alerts by kind.
public struct MonitoringMetrics: Sendable {
    public let store: MonitoringStore
    public let windows: [Int]

    public init(store: MonitoringStore, windows: [Int]) {
        self.store = store
        self.windows = windows
    }

    /// The workspace's monitoring store and `monitoring.rolling_windows_days`.
    /// - Throws: `MonitoringError.storage` when `monitoring.sqlite` cannot be opened.
    public init(workspace: Workspace) throws {
        self.init(store: try MonitoringStore(path: MonitoringStore.url(dataDirectory: workspace.dataDirectory)),
                  windows: workspace.settings.monitoring.rollingWindowsDays)
    }

    static let help: [(name: String, type: String, help: String)] = [
        ("dartcast_rolling_mae", "gauge", "Rolling MAE of published forecasts against realized DART ($/MWh), by product, family and window."),
        ("dartcast_rolling_zero_mae", "gauge", "MAE of the zero forecast on the same rows ($/MWh)."),
        ("dartcast_skill_vs_zero", "gauge", "Rolling MAE divided by the zero forecast's MAE; below 1 beats forecasting zero."),
        ("dartcast_scored_forecasts", "gauge", "Forecast rows in the rolling window."),
        ("dartcast_feature_psi", "gauge", "Population stability index of a feature, recent issues vs the champion's training window."),
        ("dartcast_open_alerts", "gauge", "Open monitoring alerts by kind."),
    ]

    /// Samples for the family lines' rolling scores ending at the last scored day, drift and open alerts.
    public func samples() throws -> [MetricSample] {
        var samples: [MetricSample] = []
        do {
            for score in try store.latestFamilyRolling(windows: windows) {
                let labels = [("product", score.product), ("family", score.family), ("window_days", String(score.windowDays))]
                samples.append(MetricSample(name: "dartcast_rolling_mae", labels: labels, value: score.mae))
                samples.append(MetricSample(name: "dartcast_rolling_zero_mae", labels: labels, value: score.zeroMAE))
                if let skill = score.skill { samples.append(MetricSample(name: "dartcast_skill_vs_zero", labels: labels, value: skill)) }
                samples.append(MetricSample(name: "dartcast_scored_forecasts", labels: labels, value: Double(score.rows)))
            }
        }
        for drift in try store.latestDrift() {
            guard let psi = drift.psi else { continue }
            samples.append(MetricSample(name: "dartcast_feature_psi", labels: [("product", drift.product), ("feature", drift.feature)], value: psi))
        }
        let open = try store.openAlerts()
        for kind in AlertKind.allCases {
            samples.append(MetricSample(name: "dartcast_open_alerts", labels: [("kind", kind.rawValue)],
                                        value: Double(open.filter { $0.kind == kind }.count)))
        }
        return samples
    }

    /// Prometheus text exposition (version 0.0.4): `# HELP`/`# TYPE` then the samples of each metric.
    public func prometheusText() throws -> String {
        let samples = try samples()
        var lines: [String] = []
        for metric in Self.help {
            let mine = samples.filter { $0.name == metric.name }
            guard !mine.isEmpty else { continue }
            lines.append("# HELP \(metric.name) \(metric.help)")
            lines.append("# TYPE \(metric.name) \(metric.type)")
            lines += mine.map(\.line)
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
