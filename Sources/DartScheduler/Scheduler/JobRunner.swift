import DartConfig

/// Runs one job for one slot: the pipeline plugs in here.
///
/// Throw to fail the attempt (the scheduler retries up to `retries` times with backoff); throw
/// `CancellationError` when cancelled to have the slot recorded as interrupted. The scheduler
/// guarantees a (job, slot) is handed out by at most one claim, so a runner may key its own
/// records by (`job.name`, `slotUTC`, `attempt`).
public protocol JobRunner: Sendable {
    /// - Parameters:
    ///   - job: the job's settings; for a manual trigger with a retrain override, `retrain` is already set.
    ///   - slotUTC: the slot's instant (UTC seconds); for a manual run, the trigger time.
    ///   - attempt: 1 for the first attempt, 2 for the first retry, …
    func run(job: JobSettings, slotUTC: Int64, attempt: Int) async throws
}

/// A `JobRunner` from a closure, for wiring without a dedicated type.
public struct ClosureJobRunner: JobRunner {
    private let body: @Sendable (JobSettings, Int64, Int) async throws -> Void

    public init(_ body: @escaping @Sendable (_ job: JobSettings, _ slotUTC: Int64, _ attempt: Int) async throws -> Void) {
        self.body = body
    }

    public func run(job: JobSettings, slotUTC: Int64, attempt: Int) async throws {
        try await body(job, slotUTC, attempt)
    }
}
