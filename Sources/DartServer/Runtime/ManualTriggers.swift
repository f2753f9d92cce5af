import DartScheduler
import Logging
import ServiceLifecycle

/// Runs `POST /api/jobs/{job}/trigger` requests through `Scheduler.trigger` (so overlap rules
/// and slot records apply) in its own task group: a request returns at once, and a graceful
/// shutdown waits for triggered runs like for scheduled ones.
public final class ManualTriggers: Service, Sendable {
    struct Request: Sendable {
        let job: String
        let retrain: Bool?
    }

    private let scheduler: Scheduler
    private let logger: Logger
    private let stream: AsyncStream<Request>
    private let continuation: AsyncStream<Request>.Continuation

    public init(scheduler: Scheduler, logger: Logger) {
        self.scheduler = scheduler
        self.logger = logger
        let (stream, continuation) = AsyncStream.makeStream(of: Request.self)
        self.stream = stream
        self.continuation = continuation
    }

    /// Queues a manual run of `job`. Returns false when the service is stopping.
    public func submit(job: String, retrain: Bool?) -> Bool {
        if case .enqueued = continuation.yield(Request(job: job, retrain: retrain)) { return true }
        return false
    }

    public func run() async throws {
        await withDiscardingTaskGroup { group in
            await withGracefulShutdownHandler {
                for await request in stream {
                    group.addTask { await self.execute(request) }
                }
            } onGracefulShutdown: {
                self.continuation.finish()  // accept no more; running triggers finish in the group
            }
        }
    }

    private func execute(_ request: Request) async {
        do {
            let outcome = try await scheduler.trigger(job: request.job, retrain: request.retrain)
            logger.info("manual run ended", metadata: ["job": "\(request.job)", "outcome": "\(outcome)"])
        } catch {
            logger.error("manual run could not start", metadata: ["job": "\(request.job)", "error": "\(error)"])
        }
    }
}
