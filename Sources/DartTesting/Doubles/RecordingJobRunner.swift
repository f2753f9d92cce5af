import DartConfig
import DartScheduler
import Foundation

/// A job runner that records each call and then does what `behaviour` says (return, throw,
/// wait). Scheduler unit tests use it; the pipeline runner is tested through real runs.
public final class RecordingJobRunner: JobRunner, @unchecked Sendable {
    public struct Call: Hashable, Sendable {
        public var job: String
        public var slotUTC: Int64
        public var attempt: Int
        public var retrain: Bool
    }

    private let lock = NSLock()
    private var recorded: [Call] = []
    private let behaviour: @Sendable (Call) async throws -> Void

    public init(behaviour: @escaping @Sendable (Call) async throws -> Void = { _ in }) {
        self.behaviour = behaviour
    }

    public var calls: [Call] { lock.withLock { recorded } }

    public func run(job: JobSettings, slotUTC: Int64, attempt: Int) async throws {
        let call = Call(job: job.name, slotUTC: slotUTC, attempt: attempt, retrain: job.retrain)
        lock.withLock { recorded.append(call) }
        try await behaviour(call)
    }
}
