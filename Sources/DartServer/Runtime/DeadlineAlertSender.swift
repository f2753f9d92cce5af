import DartCore
import DartPublish
import DartScheduler
import Foundation
import Logging

/// Sends a scheduler deadline alert (e.g. a 05:00 retrain still running at 05:45) through the
/// configured notifiers. The run goes on; a failing channel is logged and never thrown.
public struct DeadlineAlertSender: Sendable {
    let notifiers: [any Notifier]
    let products: [String: String]
    let logger: Logger

    public init(notifiers: [any Notifier], products: [String: String], logger: Logger) {
        self.notifiers = notifiers
        self.products = products
        self.logger = logger
    }

    public func send(_ alert: DeadlineAlert) async {
        logger.warning("deadline missed; the run goes on", metadata: ["job": "\(alert.job)", "alert": "\(alert.description)"])
        let notification = RunNotification(
            runID: "\(alert.job)-\(UTCFormat.iso8601(alert.slotUTC))", job: alert.job, product: products[alert.job] ?? "unknown",
            outcome: .alert, slotUTC: alert.slotUTC, alert: "deadline missed: \(alert.description)")
        for notifier in notifiers {
            do { try await notifier.send(notification) } catch {
                logger.error("deadline alert not delivered", metadata: ["channel": "\(notifier.channel)", "error": "\(error)"])
            }
        }
    }
}
