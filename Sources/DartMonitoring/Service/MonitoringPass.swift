import DartWorkspace
import DartConfig
import DartCore
import DartData
import DartModels
import DartPublish
import Foundation
import Logging

/// One monitoring pass: score past forecasts whose target hours have realized DART, compute
/// rolling MAE and skill, compute feature drift against the champions' training windows,
/// reconcile alerts and send the notices owed. The service runs it periodically; `dartcast
/// monitor` runs it once.
public struct MonitoringPass: Sendable {
    public let workspace: Workspace
    public let history: any ForecastHistory
    let notifiers: [any Notifier]
    let unavailableNotifiers: [String: String]
    let logger: Logger

    /// - Parameters:
    ///   - history: where forecasts are read (default: `ForecastHistorySource.history(for:)`).
    ///   - notifiers: alert channels (default: the run notifiers enabled in settings, built by `PublishTargetFactory`).
    public init(workspace: Workspace, history: (any ForecastHistory)? = nil, notifiers: [any Notifier]? = nil) throws {
        self.workspace = workspace
        self.history = try history ?? ForecastHistorySource.history(for: workspace)
        self.logger = workspace.logger
        if let notifiers {
            self.notifiers = notifiers
            unavailableNotifiers = [:]
        } else {
            let built = Self.configuredNotifiers(workspace)
            self.notifiers = built.0
            unavailableNotifiers = built.1
        }
    }

    var settings: MonitoringSettings { workspace.settings.monitoring }

    /// Runs the pass as of `asOfUTC` (only forecasts issued and prices known by then are used).
    /// - Throws: `MonitoringError` when the monitoring store, the forecast history or the market
    ///   store cannot be read. Drift and notifier failures are reported, not thrown.
    public func run(asOfUTC: Int64) async throws -> MonitoringReport {
        let rules = workspace.rules, zone = rules.timeZone
        let store = try MonitoringStore(path: MonitoringStore.url(dataDirectory: workspace.dataDirectory))
        let lastComplete = rules.lastFullyKnownDay(at: asOfUTC)
        let windows = settings.rollingWindowsDays + [settings.scoringWindowDays]
        let lookback = max(windows.max() ?? 1, settings.worseThanZeroDays)
        let firstDay = lastComplete.adding(days: -(lookback - 1))
        var problems: [String] = []

        let forecasts = try history.forecasts(targetFromUTC: zone.startOfDayUTC(firstDay),
                                              targetToUTC: zone.startOfDayUTC(lastComplete.adding(days: 1)), issuedByUTC: asOfUTC)
        let marketStore: MarketStore
        do { marketStore = try workspace.marketStore() } catch {
            throw MonitoringError(.marketData, "cannot open the market store: \(error)")
        }
        let realized = try RealizedDART.load(from: marketStore, points: Set(forecasts.map(\.point)),
                                             fromUTC: zone.startOfDayUTC(firstDay),
                                             toUTC: zone.startOfDayUTC(lastComplete.adding(days: 1)), knownBy: asOfUTC, rules: rules)
        let rescored = ForecastScorer(zone: zone).score(forecasts, realized: realized)
        let changed = try store.upsert(rescored)
        let daily = try store.dailyScores(from: firstDay, through: lastComplete)
        let rolling = RollingScore.compute(daily, windows: windows, endDay: lastComplete)

        let (drift, driftComplete) = computeDrift(store: marketStore, asOfUTC: asOfUTC, problems: &problems)
        if !drift.isEmpty { try store.saveDrift(drift) }

        let alertRules = AlertRules(settings: settings)
        var conditions = alertRules.maeConditions(rolling) + alertRules.worseThanZeroConditions(daily, lastDay: lastComplete)
        var kinds: Set<AlertKind> = [.rollingMAE, .worseThanZero]
        if driftComplete {
            conditions += alertRules.driftConditions(drift)
            kinds.insert(.featureDrift)
        }
        let changes = try store.reconcile(conditions, kinds: kinds, nowUTC: asOfUTC)
        for alert in changes.opened { logger.warning("alert opened", metadata: ["kind": "\(alert.kind.rawValue)", "subject": "\(alert.subject)", "value": "\(alert.value)"]) }
        for alert in changes.resolved { logger.notice("alert resolved", metadata: ["kind": "\(alert.kind.rawValue)", "subject": "\(alert.subject)"]) }
        let notices = await AlertNotifier(notifiers: notifiers, unavailable: unavailableNotifiers, store: store, logger: logger)
            .sendPending(product: { String($0.subject.split(separator: "/").first ?? "") }, nowUTC: asOfUTC)

        logger.info("monitoring pass done", metadata: [
            "as_of_utc": "\(UTCFormat.iso8601(asOfUTC))", "last_complete_day": "\(lastComplete)", "forecasts": "\(forecasts.count)",
            "scored_days": "\(Set(rescored.map(\.day)).count)", "changed_rows": "\(changed)", "open_alerts": "\(changes.opened.count + changes.continuing.count)"])
        return MonitoringReport(asOfUTC: asOfUTC, lastCompleteDay: lastComplete, forecastSource: history.displayName,
                                rescoredDays: rescored, changedScoreRows: changed, rolling: rolling, drift: drift,
                                openAlerts: try store.openAlerts(), alertChanges: changes, notices: notices, problems: problems)
    }

    /// Drift per product that has a champion. Returns the results and whether every product that
    /// has a champion was computed (only then may drift alerts be resolved).
    func computeDrift(store: MarketStore, asOfUTC: Int64, problems: inout [String]) -> ([FeatureDriftResult], Bool) {
        let registry: ModelRegistry
        do { registry = try workspace.registry(createIfMissing: false) } catch {
            problems.append("drift not computed: no model registry yet (train a model first)")
            return ([], false)
        }
        let drift = FeatureDrift(rules: workspace.rules, features: settings.psiFeatures, recentDays: settings.psiRecentDays,
                                 bins: settings.psiBins)
        var results: [FeatureDriftResult] = []
        var complete = true
        for product in ForecastProduct.allCases {
            do {
                guard let champion = try Self.newestChampion(registry: registry, product: product.rawValue) else { continue }
                let points = try workspace.points(in: store)
                let reference = FeatureDrift.Reference(modelVersion: champion.id, fromUTC: champion.trainingFromUTC,
                                                       toUTC: champion.trainingToUTC)
                let computed = try drift.compute(store: store, points: points, product: product, reference: reference, asOfUTC: asOfUTC)
                let unknown = drift.unknownFeatures(builderNames: champion.featureNames)
                if !unknown.isEmpty {
                    problems.append("monitoring.psi_features: \(unknown.joined(separator: ", ")) not among the \(product.rawValue) model's features; left out")
                }
                results += computed
            } catch {
                complete = false
                problems.append("drift (\(product.rawValue)) not computed: \(error)")
                logger.warning("drift not computed", metadata: ["product": "\(product.rawValue)", "error": "\(error)"])
            }
        }
        return (results, complete)
    }

    /// The most recently created champion of any family but the ensemble for `product`.
    static func newestChampion(registry: ModelRegistry, product: String) throws -> ModelVersion? {
        try registry.families(product: product).filter { $0 != .ensemble }
            .compactMap { try registry.resolve(.champion, family: $0, product: product) }
            .max { ($0.createdAtUTC, $0.id) < ($1.createdAtUTC, $1.id) }
    }

    /// Notifiers enabled in settings (the same channels as run notices); channels that cannot be
    /// built are reported by name with the setting to fix.
    static func configuredNotifiers(_ workspace: Workspace) -> ([any Notifier], [String: String]) {
        PublishTargetFactory(workspace: workspace).enabledNotifiers()
    }
}
