import DartPublish
import DartScheduler
import DartTesting
import Foundation
import Logging
import Testing
@testable import DartServer

@Suite struct DeadlineAlertSenderTests {
    @Test func aMissedDeadlineIsSentToEveryChannelAndAFailingOneDoesNotStopTheOthers() async {
        let failing = RecordingNotifier(channel: "teams", failing: true)
        let working = RecordingNotifier(channel: "email")
        let sender = DeadlineAlertSender(notifiers: [failing, working], products: ["daily_retrain": "dayahead"],
                                         logger: Logger(label: "test"))
        let slot: Int64 = 1_764_068_400 // 2025-11-25T11:00:00Z, 05:00 CST
        await sender.send(DeadlineAlert(job: "daily_retrain", slotUTC: slot, kind: .scheduled, deadlineUTC: slot + 45 * 60, attempt: 1))
        #expect(failing.attempts.count == 1)
        let sent = try! #require(working.attempts.first)
        #expect(working.attempts.count == 1)
        #expect(sent.outcome == .alert)
        #expect(sent.product == "dayahead")
        #expect(sent.slotUTC == slot)
        #expect(sent.title.contains("deadline missed"))
    }
}
