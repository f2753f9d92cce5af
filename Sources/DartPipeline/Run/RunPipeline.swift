import DartData
import DartRuns
import DartWorkspace
import DartCore
import DartModels
import DartPublish
import Foundation
import Logging

/// The production run: `ingest_new` → `build_features` → `train_<family>` (with `retrain`, or
/// for families without a champion) → `predict` → `publish` (through the outbox).
///
/// Every run has a record in the run store and a JSON-lines log at
/// `<data-dir>/runs/<run_id>/run.log`. Outcome rules:
/// - `build_features`, `predict` or writing the local outbox copy failing fails the run
///   (a failure notification is sent if `notifications.on_failure`).
/// - `ingest_new` or a `train_<family>` failing is recorded on its step and the run goes on;
///   the run ends `succeeded` with those steps `failed` and `error` naming them.
/// - A delivery that fails stays pending and never fails the run.
/// Re-running a (job, slot) replaces its outputs: same partition, SQL upsert on the key, and
/// the earlier run's deliveries superseded.
public struct RunPipeline: Sendable {
    public let workspace: Workspace
    public let targets: PublishTargetFactory
    /// Where `ingest_new` looks for new data, in order.
    public let sources: [any MarketSource]
    public let hooks: RunHooks
    /// The model families runs train and load (`DartRuntime.Registrations.families`).
    public let families: ModelFamilyTable

    /// - Parameters:
    ///   - targets: where outputs go (default: from the workspace settings; console notices to standard output).
    ///   - sources: the market sources (default: `MarketSources.configured(in:)`, the inbox and `sources.postgres`).
    ///   - hooks: called around steps (the scheduler checks its deadline there; fault tests stop services there).
    public init(workspace: Workspace, targets: PublishTargetFactory? = nil, sources: [any MarketSource]? = nil, hooks: RunHooks = RunHooks(),
                families: ModelFamilyTable = .standard) {
        self.workspace = workspace
        self.families = families
        self.targets = targets ?? PublishTargetFactory(workspace: workspace)
        self.sources = sources ?? MarketSources.configured(in: workspace)
        self.hooks = hooks
    }

    /// Runs a job's slot and returns its record (status `succeeded`, or `failed` with the step and error).
    /// - Throws: only when the run cannot be recorded at all (run store or log file unusable, invalid job name).
    public func run(job: String, slotUTC: Int64, product: ForecastProduct, retrain: Bool = false) async throws -> RunRecord {
        try await execute(RunRequest(job: job, slotUTC: slotUTC, product: product, retrain: retrain)).record
    }

    /// Retries every pending delivery from its local outbox copy (`dartcast publish --retry-pending`).
    public func retryPending() async throws -> OutboxPublisher.RetrySummary {
        try await OutboxPublisher(runStore: try workspace.runStore(), targets: targets, logger: workspace.logger).retryPending()
    }

    public func execute(_ request: RunRequest) async throws -> RunResult {
        try request.validate()
        let runStore = try workspace.runStore()
        let (record, runID, lock) = try claim(request, in: runStore)
        // Held until the final status is saved; the kernel frees it if this process dies first.
        defer { lock.release() }
        let logFile = try RunLogFile(url: workspace.dataDirectory.appendingPathComponent("runs/\(runID)/run.log"), now: workspace.now)
        let logger = logFile.teeLogger(upstream: workspace.logger, metadata: [
            "run_id": "\(runID)", "job": "\(request.job)", "slot_utc": "\(UTCFormat.iso8601(request.slotUTC))",
            "product": "\(request.product.rawValue)",
        ])
        var runWorkspace = try Workspace(loaded: workspace.loaded, dataDirectory: workspace.dataDirectory, logger: logger, now: workspace.now)
        runWorkspace.featureBuildObserver = workspace.featureBuildObserver
        var stamped = record
        stamped.logPath = logFile.url.path
        let recorder = RunRecorder(record: stamped, store: runStore, now: workspace.now, logger: logger)
        recorder.update { $0.logPath = logFile.url.path }
        logger.info("run started", metadata: ["params": "\(RunRecorder.text(request.params))"])
        let steps = RunSteps(workspace: runWorkspace, request: request, runID: runID, recorder: recorder,
                             outbox: OutboxPublisher(runStore: runStore, targets: targets, logger: logger), targets: targets,
                             sources: sources, hooks: hooks, families: families)
        return await steps.run()
    }

    /// Takes the next free attempt for (job, slot); another process may take one at the same moment.
    /// The run's lock is taken before its record is inserted, so a `running` record without a held
    /// lock always means its process is gone.
    private func claim(_ request: RunRequest, in runStore: RunStore) throws -> (RunRecord, String, RunLock) {
        var attempt = try runStore.nextAttempt(job: request.job, slotUTC: request.slotUTC)
        let families = workspace.families.families().map { "train_\($0.rawValue)" }
        let planned = (["ingest_new", "build_features"] + families + ["predict", "publish"]).map { StepRecord(name: $0) }
        for _ in 0..<100 {
            let runID = request.runID(attempt: attempt)
            var record = RunRecord(runID: runID, job: request.job, slotUTC: request.slotUTC, attempt: attempt, product: request.product.rawValue,
                                   params: request.params, startedAtUTC: Int64(workspace.now().timeIntervalSince1970), steps: planned)
            record.owner = .current
            if let lock = try RunLock.acquire(dataDirectory: workspace.dataDirectory, runID: runID) {
                if try runStore.insertNew(record) { return (record, runID, lock) }
                lock.release()
            }
            attempt += 1
        }
        throw PipelineError(.configuration, "could not claim a run id for job \(request.job) at \(UTCFormat.iso8601(request.slotUTC))")
    }
}

/// Seams around a run's steps.
public struct RunHooks: Sendable {
    /// Called before each step (`ingest_new`, `build_features`, `train`, `predict`, `publish`).
    /// Throwing `CancellationError` ends the run as `interrupted`; any other error fails it at that step.
    public var beforeStep: @Sendable (String) async throws -> Void

    public init(beforeStep: @escaping @Sendable (String) async throws -> Void = { _ in }) {
        self.beforeStep = beforeStep
    }
}

/// Runs blocking work (training, prediction) off the concurrency pool's few threads.
func offloaded<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global().async { continuation.resume(with: Result { try body() }) }
    }
}
