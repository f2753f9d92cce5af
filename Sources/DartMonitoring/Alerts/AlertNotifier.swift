import DartCore
import DartPublish
import Foundation
import Logging

/// Sends alert notices through the configured notifiers: one notice when an alert opens, one
/// when it resolves. A channel that fails is retried on the next pass (channels that already
/// took the notice are not sent it again); a failure is logged and recorded on the alert and
/// never thrown out of monitoring.
public struct AlertNotifier: Sendable {
    public let notifiers: [any Notifier]
    /// Notifiers that could not be built from settings (channel → our error message).
    public let unavailable: [String: String]
    let store: MonitoringStore
    let logger: Logger

    public init(notifiers: [any Notifier], unavailable: [String: String] = [:], store: MonitoringStore, logger: Logger) {
        self.notifiers = notifiers
        self.unavailable = unavailable
        self.store = store
        self.logger = logger
    }

    /// What the notices of one pass did.
    public struct Outcome: Sendable, Hashable {
        public var sent = 0
        /// `alert id/channel: error`, for the report.
        public var failures: [String] = []
    }

    /// Sends every notice still owed.
    public func sendPending(product: (Alert) -> String, nowUTC: Int64) async -> Outcome {
        var outcome = Outcome()
        // No channel configured: nothing is owed yet (alerts stay "not sent" until one is).
        guard !notifiers.isEmpty || !unavailable.isEmpty else { return outcome }
        let pending: [Alert]
        do { pending = try store.alertsAwaitingNotice() } catch {
            logger.error("cannot read alerts awaiting notice", metadata: ["error": "\(error)"])
            outcome.failures.append("\(error)")
            return outcome
        }
        for alert in pending {
            let resolution = !alert.isOpen
            var errors: [String] = unavailable.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }
            let delivered = (try? store.deliveredChannels(alertID: alert.id, resolution: resolution)) ?? []
            let notification = Self.notification(for: alert, product: product(alert), nowUTC: nowUTC)
            for notifier in notifiers where !delivered.contains(notifier.channel) {
                do {
                    try await notifier.send(notification)
                    try store.recordDelivery(alertID: alert.id, resolution: resolution, channel: notifier.channel, nowUTC: nowUTC)
                    outcome.sent += 1
                } catch {
                    errors.append("\(notifier.channel): \(error)")
                    logger.warning("alert notice failed; retried on the next pass", metadata: [
                        "alert_id": "\(alert.id)", "channel": "\(notifier.channel)", "error": "\(error)"])
                }
            }
            outcome.failures += errors.map { "alert \(alert.id) \($0)" }
            do {
                try store.recordNotice(alertID: alert.id, resolution: resolution, error: errors.isEmpty ? nil : errors.joined(separator: "; "),
                                       nowUTC: nowUTC)
            } catch {
                logger.error("cannot record an alert notice", metadata: ["alert_id": "\(alert.id)", "error": "\(error)"])
            }
        }
        return outcome
    }

    /// The notice as a `RunNotification` with outcome `alert`, so every channel formats it as it formats runs.
    static func notification(for alert: Alert, product: String, nowUTC: Int64) -> RunNotification {
        let state = alert.isOpen ? "OPEN" : "RESOLVED"
        return RunNotification(
            runID: "alert-\(alert.id)", job: "monitoring", product: product, outcome: .alert, slotUTC: nowUTC,
            summary: ["value": alert.value, "threshold": alert.threshold],
            alert: "[\(state)] \(alert.kind.rawValue): \(alert.message)")
    }
}
