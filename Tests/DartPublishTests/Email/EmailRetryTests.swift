import Foundation
import Testing
@testable import DartPublish

/// Which SMTP failures are retried, with the transport seam standing in for libcurl.
@Suite struct EmailRetryTests {
    actor Attempts {
        var count = 0
        func next() -> Int { count += 1; return count }
    }

    static func notifier(failures: [SMTPAttemptFailure], attempts: Attempts, maxAttempts: Int = 4) throws -> EmailNotifier {
        let configuration = EmailConfiguration(host: "smtp.example.com", username: "u", password: "hunter2-secret",
                                               from: "dartcast@example.com", recipients: ["ops@example.com"],
                                               retry: RetryPolicy(maxAttempts: maxAttempts, baseDelaySeconds: 0.001, maxDelaySeconds: 0.01))
        return try EmailNotifier(configuration: configuration, logger: EmailTestSupport.logger, clock: ContinuousClock(), now: { Date() }) { _ in
            let attempt = await attempts.next()
            return attempt <= failures.count ? .failure(failures[attempt - 1]) : .success(())
        }
    }

    static func failure(_ kind: SMTPAttemptFailure.Kind, reply: Int = 0, message: String = "failure") -> SMTPAttemptFailure {
        SMTPAttemptFailure(kind: kind, curlCode: 1, responseCode: reply, message: message)
    }

    static let notification = RunNotification(runID: "r", job: "predict", product: "hourly", outcome: .succeeded, slotUTC: 0)

    @Test func transientFailuresAreRetriedUntilDelivered() async throws {
        let attempts = Attempts()
        let notifier = try Self.notifier(failures: [Self.failure(.connect), Self.failure(.timeout), Self.failure(.rejected, reply: 451)],
                                         attempts: attempts)
        try await notifier.send(Self.notification)
        #expect(await attempts.count == 4)
    }

    @Test(arguments: [SMTPAttemptFailure.Kind.authentication, .tls, .rejected])
    func permanentFailuresAreNotRetried(kind: SMTPAttemptFailure.Kind) async throws {
        let attempts = Attempts()
        let notifier = try Self.notifier(failures: [Self.failure(kind, reply: kind == .rejected ? 550 : 0)], attempts: attempts)
        await #expect(throws: NotifierError.self) { try await notifier.send(Self.notification) }
        #expect(await attempts.count == 1)
    }

    @Test func givingUpReportsAttemptsAndRedactsThePassword() async throws {
        let attempts = Attempts()
        let failing = Array(repeating: Self.failure(.timeout, message: "Timeout was reached: sent hunter2-secret"), count: 5)
        let notifier = try Self.notifier(failures: failing, attempts: attempts, maxAttempts: 3)
        let error = await #expect(throws: NotifierError.self) { try await notifier.send(Self.notification) }
        #expect(await attempts.count == 3)
        #expect(error?.code == .timeout)
        #expect(error?.message.contains("after 3 attempts") == true)
        #expect(error?.message.contains("hunter2-secret") == false)
    }
}
