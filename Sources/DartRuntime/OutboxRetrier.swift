import DartServer
import DartPipeline
import Logging
import ServiceLifecycle

/// Retries pending deliveries from their outbox copies every `interval`, so a target that
/// was down catches up without waiting for the next run.
public struct OutboxRetrier: Service {
    let pipeline: RunPipeline
    let interval: Duration
    let clock: any Clock<Duration>
    let logger: Logger

    public init(pipeline: RunPipeline, interval: Duration, clock: any Clock<Duration>, logger: Logger) {
        self.pipeline = pipeline
        self.interval = interval
        self.clock = clock
        self.logger = logger
    }

    public func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                try await cancelWhenGracefulShutdown { try await clock.sleep(for: interval) }
            } catch {
                return  // shutting down
            }
            do {
                let summary = try await pipeline.retryPending()
                if summary.attempted > 0 {
                    logger.info("retried pending deliveries", metadata: [
                        "attempted": "\(summary.attempted)", "delivered": "\(summary.delivered)",
                        "still_pending": "\(summary.stillPending.count)"])
                }
            } catch {
                logger.error("could not retry pending deliveries; trying again later", metadata: ["error": "\(error)"])
            }
        }
    }
}
