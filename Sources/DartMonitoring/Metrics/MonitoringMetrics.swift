import DartWorkspace
import DartCore
import DartPrometheus
import Foundation

/// The monitoring figures the HTTP server exposes on `/metrics`, read from the monitoring store at
/// each scrape: rolling MAE and skill per model line, PSI per feature, open alerts by kind.
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

    static let rollingMAE = GaugeFamily(
        name: "dartcast_rolling_mae", help: "Rolling MAE of published forecasts against realized DART ($/MWh), by product, family and window.")
    static let rollingZeroMAE = GaugeFamily(name: "dartcast_rolling_zero_mae", help: "MAE of the zero forecast on the same rows ($/MWh).")
    static let skillVsZero = GaugeFamily(
        name: "dartcast_skill_vs_zero", help: "Rolling MAE divided by the zero forecast's MAE; below 1 beats forecasting zero.")
    static let scoredForecasts = GaugeFamily(name: "dartcast_scored_forecasts", help: "Forecast rows in the rolling window.")
    static let featurePSI = GaugeFamily(
        name: "dartcast_feature_psi", help: "Population stability index of a feature, recent issues vs the champion's training window.")
    static let openAlerts = GaugeFamily(name: "dartcast_open_alerts", help: "Open monitoring alerts by kind.")

    /// Writes the family lines' rolling scores ending at the last scored day, drift and open alerts
    /// into the server's scrape (and so its one registry). Families without a series are left out.
    /// - Throws: `MonitoringError.storage` when the monitoring store cannot be read; nothing is written then.
    public func write(into scrape: inout MetricsScrape) throws {
        let scores = try store.latestFamilyRolling(windows: windows)
        let drift = try store.latestDrift()
        let open = try store.openAlerts()
        for score in scores {
            let labels = [("product", score.product), ("family", score.family), ("window_days", String(score.windowDays))]
            scrape.set(Self.rollingMAE, labels: labels, to: score.mae)
            scrape.set(Self.rollingZeroMAE, labels: labels, to: score.zeroMAE)
            if let skill = score.skill { scrape.set(Self.skillVsZero, labels: labels, to: skill) }
            scrape.set(Self.scoredForecasts, labels: labels, to: Double(score.rows))
        }
        for item in drift {
            guard let psi = item.psi else { continue }
            scrape.set(Self.featurePSI, labels: [("product", item.product), ("feature", item.feature)], to: psi)
        }
        for kind in AlertKind.allCases {
            scrape.set(Self.openAlerts, labels: [("kind", kind.rawValue)], to: Double(open.filter { $0.kind == kind }.count))
        }
    }
}
