import DartPublish
import DartScheduler
import Foundation
import Logging
import Testing
@testable import DartServer

/// Records what it is sent; the real channels are tested in DartPublishTests.
private final class RecordingNotifier: Notifier, @unchecked Sendable {
    let channel: String
    let fails: Bool
    private let lock = NSLock()
    private var sent: [RunNotification] = []
    init(channel: String, fails: Bool = false) { self.channel = channel; self.fails = fails }
    func send(_ notification: RunNotification) async throws {
        lock.withLock { sent.append(notification) }
        if fails { throw NotifierError(.http, "HTTP 500 from the test channel") }
    }
    var notifications: [RunNotification] { lock.withLock { sent } }
}

@Suite struct DeadlineAlertSenderTests {
    @Test func aMissedDeadlineIsSentToEveryChannelAndAFailingOneDoesNotStopTheOthers() async {
        let failing = RecordingNotifier(channel: "teams", fails: true)
        let working = RecordingNotifier(channel: "email")
        let sender = DeadlineAlertSender(notifiers: [failing, working], products: ["daily_retrain": "dayahead"],
                                         logger: Logger(label: "test"))
        let slot: Int64 = 1_764_068_400 // 2025-11-25T11:00:00Z, 05:00 CST
        await sender.send(DeadlineAlert(job: "daily_retrain", slotUTC: slot, kind: .scheduled, deadlineUTC: slot + 45 * 60, attempt: 1))
        #expect(failing.notifications.count == 1)
        let sent = try! #require(working.notifications.first)
        #expect(working.notifications.count == 1)
        #expect(sent.outcome == .alert)
        #expect(sent.product == "dayahead")
        #expect(sent.slotUTC == slot)
        #expect(sent.title.contains("deadline missed"))
    }
}
