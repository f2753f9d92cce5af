import DartRuns
import DartCore
import Foundation
import Logging

/// Delivers runs' outputs through the outbox: a delivery is recorded as pending before it is
/// tried, and stays pending with its error and attempt count until a later try succeeds (the
/// next run, or `dartcast publish --retry-pending`). Data targets go first, notifications
/// after; targets are independent, so one failing never stops another.
public struct OutboxPublisher: Sendable {
    public let runStore: RunStore
    public let targets: PublishTargetFactory
    let logger: Logger

    public init(runStore: RunStore, targets: PublishTargetFactory, logger: Logger) {
        self.runStore = runStore
        self.targets = targets
        self.logger = logger
    }

    var nowUTC: Int64 { Int64(targets.now().timeIntervalSince1970) }

    /// Records a pending delivery per target (superseding earlier runs' deliveries of the same
    /// job, slot and target) and tries each once.
    /// - Returns: the deliveries after this attempt.
    @discardableResult
    public func publish(_ payload: OutboxPayload, directory: URL, to names: [String]) async throws -> [Delivery] {
        var enqueued: [Delivery] = []
        for name in names {
            enqueued.append(try runStore.enqueue(runID: payload.runID, job: payload.job, slotUTC: payload.slotUTC, target: name,
                                                 payloadPath: directory.path, nowUTC: nowUTC))
        }
        return await attempt(enqueued)
    }

    /// What a retry pass did.
    public struct RetrySummary: Sendable, Hashable {
        public var attempted = 0
        public var delivered = 0
        /// Deliveries still pending, with their last error.
        public var stillPending: [Delivery] = []
    }

    /// Tries every pending delivery once, oldest first.
    /// - Parameter excludingRunID: skips that run's deliveries (a run retries others' after trying its own).
    public func retryPending(excludingRunID: String? = nil) async throws -> RetrySummary {
        let pending = try runStore.deliveries(status: .pending).filter { $0.runID != excludingRunID }
        let after = await attempt(pending)
        var summary = RetrySummary(attempted: pending.count)
        summary.delivered = after.filter { $0.status == .delivered }.count
        summary.stillPending = after.filter { $0.status == .pending }
        return summary
    }

    /// Data targets concurrently, then notifiers concurrently; returns the updated deliveries.
    func attempt(_ deliveries: [Delivery]) async -> [Delivery] {
        let data = deliveries.filter { PublishTargetName.carriesRows($0.target) }
        let notices = deliveries.filter { !PublishTargetName.carriesRows($0.target) }
        return await attemptConcurrently(data) + attemptConcurrently(notices)
    }

    private func attemptConcurrently(_ deliveries: [Delivery]) async -> [Delivery] {
        await withTaskGroup(of: Delivery.self) { group in
            for delivery in deliveries { group.addTask { await attemptOne(delivery) } }
            var results: [Delivery] = []
            for await result in group { results.append(result) }
            return results.sorted { $0.deliveryID < $1.deliveryID }
        }
    }

    private func attemptOne(_ delivery: Delivery) async -> Delivery {
        var updated = delivery
        updated.attempts += 1
        updated.updatedAtUTC = nowUTC
        let metadata: Logger.Metadata = ["run_id": "\(delivery.runID)", "target": "\(delivery.target)", "attempt": "\(updated.attempts)"]
        do {
            let directory = URL(fileURLWithPath: delivery.payloadPath)
            let payload = try OutboxPayload.load(from: directory)
            let target = try targets.target(named: delivery.target)
            let detail = try await target.deliver(payload, from: directory)
            try runStore.markDelivered(delivery.deliveryID, nowUTC: updated.updatedAtUTC)
            updated.status = .delivered
            updated.lastError = nil
            updated.deliveredAtUTC = updated.updatedAtUTC
            logger.info("delivered", metadata: metadata.merging(["to": "\(target.displayName)", "detail": "\(detail)"]) { $1 })
        } catch {
            // Our error types never carry credentials; the message names the setting or endpoint.
            let message = "\(error)"
            updated.lastError = message
            do {
                try runStore.markFailed(delivery.deliveryID, error: message, nowUTC: updated.updatedAtUTC)
            } catch {
                logger.error("could not record a failed delivery", metadata: metadata.merging(["error": "\(error)"]) { $1 })
            }
            logger.warning("delivery failed; it stays pending for a retry", metadata: metadata.merging(["error": "\(message)"]) { $1 })
        }
        return updated
    }
}
