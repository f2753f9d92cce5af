import DartRuns
import DartWorkspace
import DartConfig
import DartCore
import DartData
import DartModels
import DartReports
import DartScheduler
import Foundation

/// Builds a `DashboardSnapshot` from the real stores of a workspace: settings and scheduler
/// state (schedules, next runs), the run store (runs, pending deliveries), the forecast
/// history and market store (latest forecast with realized DART), the registry (versions,
/// champions) and the monitoring store (scores, drift, alerts). A section that cannot be read
/// is reported in `problems` and the rest still renders.
public struct DashboardSnapshotLoader: Sendable {
    public let workspace: Workspace
    /// Runs listed (newest first).
    public var runLimit = 25
    /// Versions listed (newest first).
    public var versionLimit = 12
    /// Next slots shown per job.
    public var nextRunCount = 3
    /// Page refresh (seconds) written into the page; nil for none.
    public var refreshSeconds: Int? = 60

    public init(workspace: Workspace) { self.workspace = workspace }

    /// - Parameter selectedPoint: the point shown large (the page's `?point=`); unknown names fall back to the first point.
    public func load(now: Date, selectedPoint: String? = nil) -> DashboardSnapshot {
        let nowUTC = Int64(now.timeIntervalSince1970.rounded(.down))
        let zone = workspace.rules.timeZone
        var problems: [String] = []
        func attempt<T>(_ what: String, _ fallback: T, _ body: () throws -> T) -> T {
            do { return try body() } catch {
                problems.append("\(what): \(error)")
                return fallback
            }
        }
        let runStore = attempt("run store", nil) { try workspace.runStore() as RunStore? }
        var snapshot = DashboardSnapshot(generatedAtUTC: nowUTC, generatedAtLocal: SlotDescription(utc: nowUTC, zone: zone).localText,
                                         timeZone: zone.identifier, selectedPoint: selectedPoint,
                                         psiThreshold: workspace.settings.monitoring.psiThreshold, refreshSeconds: refreshSeconds)
        snapshot.schedules = attempt("schedules", []) { try schedules(nowUTC: nowUTC) }
        if let runStore {
            snapshot.runs = attempt("runs", []) { try runStore.runs(limit: runLimit).map(Self.run) }
            snapshot.pendingDeliveries = attempt("deliveries", []) {
                try runStore.deliveries(status: .pending).map {
                    DashboardSnapshot.Delivery(runID: $0.runID, target: $0.target, attempts: $0.attempts, lastError: $0.lastError,
                                               updatedAtUTC: $0.updatedAtUTC)
                }
            }
        }
        snapshot.forecasts = attempt("latest forecast", []) { try forecasts(nowUTC: nowUTC) }
        snapshot.models = attempt("model registry", []) { try models() }
        if FileManager.default.fileExists(atPath: MonitoringStore.url(dataDirectory: workspace.dataDirectory).path) {
            let store = attempt("monitoring store", nil) {
                try MonitoringStore(path: MonitoringStore.url(dataDirectory: workspace.dataDirectory)) as MonitoringStore?
            }
            if let store {
                snapshot.scores = attempt("scores", []) { try scores(store) }
                snapshot.drift = attempt("drift", []) { try store.latestDrift().map { .init(product: $0.product, feature: $0.feature, psi: $0.psi) } }
                snapshot.alerts = attempt("alerts", []) {
                    try store.openAlerts().map {
                        .init(kind: $0.kind.rawValue, subject: $0.subject, value: $0.value, threshold: $0.threshold, message: $0.message,
                              firstSeenUTC: $0.firstSeenUTC, lastSeenUTC: $0.lastSeenUTC, notified: $0.notifiedAtUTC != nil)
                    }
                }
            }
        }
        snapshot.problems = problems
        return snapshot
    }

    // MARK: Sections

    func schedules(nowUTC: Int64) throws -> [DashboardSnapshot.Schedule] {
        let scheduling = workspace.settings.scheduling
        let statePath = workspace.dataDirectory.appendingPathComponent("scheduler.sqlite").path
        let state = FileManager.default.fileExists(atPath: statePath) ? try SchedulerStateStore(path: statePath) : nil
        return try scheduling.jobs.map { job in
            let jobState = try state?.jobState(job.name)
            let active = job.enabled && (jobState?.enabled ?? true)
            var entry = DashboardSnapshot.Schedule(job: job.name, expression: job.schedule, product: job.product.rawValue,
                                                   retrain: job.retrain, active: active, nextRuns: [])
            do {
                let slots = try ScheduleSlots(job: job, timeZone: scheduling.timezone)
                entry.nextRuns = slots.describeNext(after: nowUTC, count: nextRunCount).map(Self.slotTime)
                entry.lastSlot = jobState?.lastSlotUTC.map { Self.slotTime(SlotDescription(utc: $0, zone: slots.zone)) }
            } catch {
                entry.problem = "\(error)"
            }
            return entry
        }
    }

    static func slotTime(_ slot: SlotDescription) -> DashboardSnapshot.SlotTime { .init(local: slot.localText, utc: slot.utcText) }

    static func run(_ record: RunRecord) -> DashboardSnapshot.Run {
        let failedSteps = record.steps.filter { $0.status == .failed }.map { "\($0.name): \($0.error ?? "failed")" }
        let error = record.error ?? (failedSteps.isEmpty ? nil : failedSteps.joined(separator: "; "))
        return DashboardSnapshot.Run(runID: record.runID, job: record.job, product: record.product, status: record.status.rawValue,
                                     startedAtUTC: record.startedAtUTC, durationSeconds: record.durationSeconds, error: error)
    }

    /// Per product the latest issue and, when it is another one, the latest issue whose every
    /// target hour already has realized DART (how the last forecast did), each drawn with the
    /// ensemble when it published one, else the first family by name.
    func forecasts(nowUTC: Int64) throws -> [DashboardSnapshot.Forecast] {
        let history = try ForecastHistorySource.history(for: workspace)
        let rules = workspace.rules
        let realizedEnd = rules.lastKnownRTHourStart(at: nowUTC) + 3600
        let market = try workspace.marketStore()
        var result: [DashboardSnapshot.Forecast] = []
        for (product, issue) in try history.latestIssues(issuedByUTC: nowUTC).sorted(by: { $0.key < $1.key }) {
            let latest = try history.forecasts(targetFromUTC: issue, targetToUTC: issue + 8 * 86_400, issuedByUTC: issue)
                .filter { $0.issueUTC == issue && $0.product == product }
            if let forecast = try drawn(latest, product: product, issue: issue, caption: "Latest", market: market, nowUTC: nowUTC) {
                result.append(forecast)
            }
            // Issues of the last three days whose targets have all been realized; the newest of
            // them, unless that is the latest issue (already drawn with its realized prices).
            let recent = try history.forecasts(targetFromUTC: realizedEnd - 3 * 86_400, targetToUTC: realizedEnd + 8 * 86_400, issuedByUTC: nowUTC)
                .filter { $0.product == product }
            let byIssue = Dictionary(grouping: recent, by: \.issueUTC)
            if let realizedIssue = byIssue.filter({ $0.value.allSatisfy { $0.targetUTC < realizedEnd } }).keys.max(), realizedIssue != issue,
               let forecast = try drawn(byIssue[realizedIssue] ?? [], product: product, issue: realizedIssue,
                                        caption: "Latest with realized DART", market: market, nowUTC: nowUTC) {
                result.append(forecast)
            }
        }
        return result
    }

    /// One issue's rows as a chart: the ensemble if present, else the first family; its newest version.
    func drawn(_ rows: [PublishedForecast], product: String, issue: Int64, caption: String, market: MarketStore,
               nowUTC: Int64) throws -> DashboardSnapshot.Forecast? {
        let zone = workspace.rules.timeZone
        let families = Set(rows.map(\.family))
        guard let family = families.contains("ensemble") ? "ensemble" : families.sorted().first else { return nil }
        let chosen = rows.filter { $0.family == family }
        let version = chosen.map(\.version).max() ?? ""
        let lines = chosen.filter { $0.version == version }
        let realized = try RealizedDART.load(from: market, points: Set(lines.map(\.point)),
                                             fromUTC: lines.map(\.targetUTC).min() ?? issue,
                                             toUTC: (lines.map(\.targetUTC).max() ?? issue) + 3600, knownBy: nowUTC, rules: workspace.rules)
        let spansDays = Set(lines.map { zone.operatingDay(containing: $0.targetUTC) }).count > 1
        let points = Dictionary(grouping: lines, by: \.point).sorted { $0.key < $1.key }.map { point, rows in
            DashboardSnapshot.PointForecast(point: point, hours: rows.sorted { $0.targetUTC < $1.targetUTC }.map { row in
                DashboardSnapshot.ForecastHour(targetUTC: row.targetUTC, label: Self.hourLabel(row.targetUTC, zone: zone, withDay: spansDays),
                                               p10: row.p10, p50: row.p50, p90: row.p90,
                                               realized: realized[RealizedDART.key(point: point, hourUTC: row.targetUTC)])
            })
        }
        return DashboardSnapshot.Forecast(product: product, issueUTC: issue, model: "\(family) \(version)", caption: caption, points: points)
    }

    /// `HE7`, `HE2*` for the repeated fall-back hour, with `11-29 ` in front when a chart spans days.
    static func hourLabel(_ utc: Int64, zone: MarketTimeZone, withDay: Bool) -> String {
        let hour = zone.marketHour(containing: utc)
        let day = hour.operatingDay.description.dropFirst(5)  // MM-dd
        return (withDay ? "\(day) " : "") + "HE\(hour.hourEnding)\(hour.isRepeatedHour ? "*" : "")"
    }

    func models() throws -> [DashboardSnapshot.ModelVersion] {
        guard FileManager.default.fileExists(atPath: ModelRegistry.url(dataDirectory: workspace.dataDirectory).appendingPathComponent("registry.sqlite").path) else {
            return []
        }
        let registry = try workspace.registry(createIfMissing: false)
        let aliases = try registry.currentAliases()
        let versions = try registry.versions()
        // Champions first (whatever their age), then the newest others.
        let champions = versions.filter { aliases[$0.id]?.contains(.champion) == true }
        let others = versions.filter { aliases[$0.id]?.contains(.champion) != true }
        return try (champions + others.prefix(max(0, versionLimit - champions.count))).map { version in
            let validation = try registry.details(version.id).metrics.first { $0.kind == .validation }
            let object = validation.flatMap { try? JSONSerialization.jsonObject(with: Data($0.json.utf8)) as? [String: Any] }
            return DashboardSnapshot.ModelVersion(
                family: version.family.rawValue, product: version.product, version: version.id, createdAtUTC: version.createdAtUTC,
                isChampion: aliases[version.id]?.contains(.champion) == true, trainingFromUTC: version.trainingFromUTC,
                trainingToUTC: version.trainingToUTC, validationMAE: object?["validation_mae"] as? Double,
                validationZeroMAE: object?["zero_validation_mae"] as? Double)
        }
    }

    func scores(_ store: MonitoringStore) throws -> [DashboardSnapshot.Score] {
        try store.latestFamilyRolling(windows: workspace.settings.monitoring.rollingWindowsDays).map {
            .init(product: $0.product, family: $0.family, windowDays: $0.windowDays, endDay: $0.endDay.description, rows: $0.rows,
                  mae: $0.mae, zeroMAE: $0.zeroMAE)
        }
    }
}
