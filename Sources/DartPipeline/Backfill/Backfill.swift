import DartCore
import DartModels
import DartRuns
import DartWorkspace
import Foundation
import Logging

/// `dartcast backfill`: writes, for every issue time of a range, the forecast the production run
/// would have made then, through the production pipeline's own steps and publish path.
///
/// For each refit (`BackfillPlan`) the configured families are trained as `train --cutoff`
/// would at the refit's cutoff (`TrainingService`, same protocol), registered under the refit's
/// own registry key (`<product>_backfill_<cutoff>_<digest>`), so production's champions never
/// change. Then each issue time is one run of `RunPipeline` with job `backfill` and slot = issue
/// time (`RunRequest.backfill`): as-of features, the refit's champions, rows tagged `backfill`,
/// the outbox, the Parquet partition and the SQL table; no ingest, training or notices.
///
/// Resumable and idempotent: an issue time is skipped when a `backfill` run with the same model
/// key published it (or a production run did: production's forecast wins). A refit whose models were registered is not trained again (`backfill/models/<key>.json`
/// is written after registration). A second call with the same range writes nothing and records
/// no runs. One backfill at a time per data directory (`BackfillLock`).
public struct Backfill: Sendable {
    public static let job = "backfill"
    public let pipeline: RunPipeline

    public init(pipeline: RunPipeline) {
        self.pipeline = pipeline
    }

    var workspace: Workspace { pipeline.workspace }
    var logger: Logger { workspace.logger }
    var directory: URL { workspace.dataDirectory.appendingPathComponent("backfill") }

    /// The plan `run` follows (refits, their cutoffs and model keys) for these settings; issue times after now are left out.
    public func plan(_ request: BackfillRequest) -> BackfillPlan {
        BackfillPlan(request: request, rules: workspace.rules, settings: workspace.settings,
                     notAfterUTC: Int64(workspace.now().timeIntervalSince1970))
    }

    /// Runs the backfill. A refit that cannot train, or an issue time whose run fails, is counted
    /// in the summary's failures and the backfill goes on.
    /// - Parameter progress: told after each issue time and when a refit starts training.
    /// - Throws: `PipelineError(.configuration)` when the range holds no issue time or another backfill
    ///   holds the data directory; run-store errors (a run cannot be recorded).
    public func run(_ request: BackfillRequest, progress: @escaping @Sendable (BackfillProgress) -> Void = { _ in }) async throws -> BackfillSummary {
        let started = ContinuousClock.now
        let plan = plan(request)
        guard plan.issueCount > 0, let first = plan.refits.first?.issues.first, let last = plan.refits.last?.issues.last else {
            throw PipelineError(.configuration, "no past \(request.product.rawValue) issue time falls on \(request.rangeText); check --from and --to")
        }
        let lock = try BackfillLock(directory: directory)
        defer { lock.release() }
        let runStore = try workspace.runStore()
        let nowUTC = Int64(workspace.now().timeIntervalSince1970)
        let recovered = try runStore.markRunningAsInterrupted(
            nowUTC: nowUTC, reason: "the backfill process ended before this run finished; a later backfill re-runs its issue time", job: Self.job)
        if !recovered.isEmpty { logger.notice("marked runs of a backfill that died as interrupted", metadata: ["runs": "\(recovered.joined(separator: ","))"]) }
        let existing = try runStore.runs(product: request.product.rawValue, slotFromUTC: first - 3 * 86_400, slotThroughUTC: last + 3 * 86_400)

        var summary = BackfillSummary(request: request, issueTimes: plan.issueCount, written: 0, skippedDone: 0, skippedProduction: 0,
                                      failures: [], refits: plan.refits.count, refitsTrained: 0, refitsReused: 0, trainingSeconds: 0, rows: 0,
                                      wallSeconds: 0, runIDs: [])
        var runSeconds = 0.0
        func report(_ refitIndex: Int, _ refit: BackfillPlan.Refit, training: Bool = false) {
            summary.wallSeconds = Self.seconds(since: started)
            let label = "\(refit.periodStart) cutoff \(UTCFormat.iso8601(refit.cutoffUTC))" + (training ? " training" : "")
            progress(BackfillProgress(done: summary.written + summary.failures.count + summary.skipped, total: plan.issueCount,
                                      written: summary.written, skipped: summary.skipped, failed: summary.failures.count,
                                      refit: refitIndex + 1, refits: plan.refits.count, refitLabel: label, elapsedSeconds: summary.wallSeconds,
                                      runSeconds: runSeconds, trainingSeconds: summary.trainingSeconds, refitsTrained: summary.refitsTrained,
                                      refitsAhead: plan.refits.count - refitIndex - 1))
        }

        for (index, refit) in plan.refits.enumerated() {
            var todo: [Int64] = []
            for issue in refit.issues {
                if Self.completedByBackfill(issue, modelKey: refit.modelKey, in: existing) {
                    summary.skippedDone += 1
                } else if Self.publishedByProduction(issue, in: existing) {
                    summary.skippedProduction += 1
                } else {
                    todo.append(issue)
                }
            }
            guard !todo.isEmpty else { report(index, refit); continue }
            do {
                report(index, refit, training: !hasModels(refit))
                let trainingStarted = ContinuousClock.now
                if try await ensureModels(refit, product: request.product) {
                    summary.refitsTrained += 1
                    summary.trainingSeconds += Self.seconds(since: trainingStarted)
                } else {
                    summary.refitsReused += 1
                }
            } catch {
                logger.error("backfill refit failed", metadata: ["model_key": "\(refit.modelKey)", "error": "\(error)"])
                summary.failures += todo.map { .init(issueUTC: $0, error: "training the refit at \(UTCFormat.iso8601(refit.cutoffUTC)): \(error)") }
                report(index, refit)
                continue
            }
            let context = BackfillRunContext(range: request.rangeText, refit: request.refit, modelKey: refit.modelKey)
            for issue in todo {
                try Task.checkCancellation()
                let runStarted = ContinuousClock.now
                let result = try await pipeline.execute(RunRequest(job: Self.job, slotUTC: issue, product: request.product, backfill: context))
                runSeconds += Self.seconds(since: runStarted)
                summary.runIDs.append(result.record.runID)
                if Self.published(result.record) {
                    summary.written += 1
                    summary.rows += result.rows.count
                } else {
                    summary.failures.append(.init(issueUTC: issue, error: result.record.error ?? result.record.status.rawValue))
                }
                report(index, refit)
            }
        }
        summary.wallSeconds = Self.seconds(since: started)
        return summary
    }

    // MARK: what is done already

    // "Published" is the `publish` step succeeded (the outbox copy written, deliveries enqueued), whatever
    // the run's final status: a run killed right after publishing, or one whose status records a problem
    // of an earlier step, published all the same.

    /// A backfill run of this issue time with the same models that published.
    static func completedByBackfill(_ issue: Int64, modelKey: String, in records: [RunRecord]) -> Bool {
        records.contains { $0.job == job && $0.slotUTC == issue && $0.params["model_key"] == modelKey && published($0) }
    }

    /// A production run (any other job, not a dry run) that published this issue time.
    static func publishedByProduction(_ issue: Int64, in records: [RunRecord]) -> Bool {
        let text = UTCFormat.iso8601(issue)
        return records.contains { $0.job != job && $0.params["dry_run"] != "true" && $0.params["issue_time_utc"] == text && published($0) }
    }

    private static func published(_ record: RunRecord) -> Bool {
        record.steps.contains { $0.name == "publish" && $0.status == .succeeded }
    }

    // MARK: the refit's models

    /// What a refit registered; written (atomically) after every version is registered, so a
    /// backfill killed mid-training trains the refit again.
    struct ModelsMarker: Codable {
        var modelKey: String
        var cutoffUTC: String
        var versions: [String: String]
        var trainedAtUTC: String
    }

    func markerURL(_ refit: BackfillPlan.Refit) -> URL {
        directory.appendingPathComponent("models/\(refit.modelKey).json")
    }

    func hasModels(_ refit: BackfillPlan.Refit) -> Bool {
        FileManager.default.fileExists(atPath: markerURL(refit).path)
    }

    /// Trains and registers the refit's models unless an earlier backfill did.
    /// - Returns: true when it trained, false when it reused registered models.
    func ensureModels(_ refit: BackfillPlan.Refit, product: ForecastProduct) async throws -> Bool {
        if hasModels(refit) { return false }
        let service = TrainingService(workspace: workspace, families: pipeline.families)
        let cutoff = IssueTime(utc: refit.cutoffUTC), key = refit.modelKey
        let report = try await offloaded {
            try service.train(product: product, cutoff: cutoff, actor: "dartcast backfill", registryProduct: key)
        }
        guard !report.entries.isEmpty else {
            throw PipelineError(.training, "no family trained: " + report.failures.map { "\($0.family.rawValue): \($0.error)" }.joined(separator: "; "))
        }
        for failure in report.failures {
            logger.error("backfill refit: a family failed to train", metadata: ["family": "\(failure.family.rawValue)", "error": "\(failure.error)"])
        }
        let marker = ModelsMarker(modelKey: key, cutoffUTC: UTCFormat.iso8601(refit.cutoffUTC),
                                  versions: Dictionary(report.entries.map { ($0.family.rawValue, $0.version) }, uniquingKeysWith: { $1 }),
                                  trainedAtUTC: UTCFormat.iso8601(Int64(workspace.now().timeIntervalSince1970)))
        let url = markerURL(refit)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(marker).write(to: url, options: .atomic)
        return true
    }

    static func seconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = start.duration(to: .now)
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }
}
