import DartCore
import Foundation
import Logging
import ServiceLifecycle

/// Runs a monitoring pass every `interval` (first pass at start) until shutdown. A failing pass
/// is logged and the next one runs on time: monitoring never takes the process down.
public struct MonitoringService: Service {
    let pass: MonitoringPass
    let clock: any Clock<Duration>
    let interval: Duration
    let now: @Sendable () -> Int64
    let logger: Logger
    /// Called after each pass (the server caches the report; tests count passes).
    let onReport: @Sendable (Result<MonitoringReport, any Error>) -> Void

    /// - Parameters:
    ///   - clock: what the service sleeps on (`ContinuousClock()` in production, a test clock in tests).
    ///   - interval: time between passes (default `monitoring.interval_minutes`).
    ///   - now: the as-of time of each pass, UTC seconds, consistent with `clock`.
    public init(pass: MonitoringPass, clock: any Clock<Duration>, interval: Duration? = nil,
                now: @escaping @Sendable () -> Int64, logger: Logger,
                onReport: @escaping @Sendable (Result<MonitoringReport, any Error>) -> Void = { _ in }) {
        self.pass = pass
        self.clock = clock
        self.interval = interval ?? .seconds(pass.workspace.settings.monitoring.intervalMinutes * 60)
        self.now = now
        self.logger = logger
        self.onReport = onReport
    }

    public func run() async throws {
        let clock = self.clock, interval = self.interval
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            do {
                onReport(.success(try await pass.run(asOfUTC: now())))
            } catch {
                logger.error("monitoring pass failed; the next pass runs on schedule", metadata: ["error": "\(error)"])
                onReport(.failure(error))
            }
            do {
                try await cancelWhenGracefulShutdown { try await clock.sleep(for: interval) }
            } catch {
                return  // cancelled or shutting down
            }
        }
    }
}
