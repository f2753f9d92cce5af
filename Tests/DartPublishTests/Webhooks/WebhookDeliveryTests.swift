import DartRuns
import AsyncHTTPClient
import Foundation
import Testing
@testable import DartPublish

/// Delivery, retry and secrecy of the webhook transport, against a local receiver.
@Suite struct WebhookDeliveryTests {
    static func transport(sleeps: RecordedSleeps, logs: CapturedLogs = CapturedLogs(), attempts: Int = 4,
                          timeout: Duration = .seconds(5)) -> WebhookTransport {
        WebhookTransport(httpClient: .shared,
                         configuration: .init(timeout: timeout, retry: RetryPolicy(maxAttempts: attempts, baseDelaySeconds: 0.5, maxDelaySeconds: 30)),
                         logger: logs.logger(), sleep: sleeps.sleep)
    }

    @Test func serverErrorsAreRetriedAndTheMessageIsDeliveredOnce() async throws {
        let hook = try await ScriptedWebhook(statuses: [500, 500, 200])
        let sleeps = RecordedSleeps()
        let notifier = try TeamsNotifier(webhookURL: hook.url, transport: Self.transport(sleeps: sleeps))
        try await notifier.send(Notifications.succeeded)
        let received = try hook.received
        #expect(received.count == 3)
        #expect(Set(received.map(\.body)).count == 1, "every attempt carries the same message")
        #expect(sleeps.all.count == 2)
        // Full jitter: each delay lies in [0, base·2^(n-1)].
        #expect(sleeps.all[0] <= .milliseconds(500) && sleeps.all[1] <= .seconds(1))
    }

    @Test func retryAfterIsHonoured() async throws {
        let hook = try await ScriptedWebhook(responses: [["status": 429, "headers": ["Retry-After": "1"]], ["status": 202]])
        let sleeps = RecordedSleeps()
        let notifier = try SlackNotifier(webhookURL: hook.url, transport: Self.transport(sleeps: sleeps))
        try await notifier.send(Notifications.succeeded)
        #expect(try hook.received.count == 2)
        #expect(sleeps.all == [.seconds(1)])
    }

    @Test func aClientErrorFailsAtOnceWithoutRetry() async throws {
        let hook = try await ScriptedWebhook(responses: [["status": 400, "body": "invalid_payload"]])
        let sleeps = RecordedSleeps()
        let notifier = try SlackNotifier(webhookURL: hook.url, transport: Self.transport(sleeps: sleeps))
        let error = try await #require(throws: NotifierError.self) { try await notifier.send(Notifications.failed) }
        #expect(error.code == .http)
        #expect(error.message.contains("slack") && error.message.contains("HTTP 400") && error.message.contains("invalid_payload"))
        #expect(try hook.received.count == 1)
        #expect(sleeps.all.isEmpty)
    }

    @Test func theWebhookURLAppearsInNoErrorAndNoLog() async throws {
        // The server echoes the URL's path in its answer, as some proxies do.
        let hook = try await ScriptedWebhook(statuses: [503])
        let echo = try await ScriptedWebhook(responses: [["status": 404, "body": "no flow at /workflows/8c1f2e/triggers/manual/paths/invoke?api-version=1&sig=SeCrEtSiGnAtUrE123"]])
        let logs = CapturedLogs()
        let sleeps = RecordedSleeps()
        let gaveUp = try await #require(throws: NotifierError.self) {
            try await TeamsNotifier(webhookURL: hook.url, transport: Self.transport(sleeps: sleeps, logs: logs, attempts: 3))
                .send(Notifications.succeeded)
        }
        #expect(gaveUp.code == .gaveUp)
        #expect(gaveUp.message.contains("teams") && gaveUp.message.contains("HTTP 503") && gaveUp.message.contains("3 attempts"))
        #expect(try hook.received.count == 3)
        let refused = try await #require(throws: NotifierError.self) {
            try await JSONWebhookNotifier(webhookURL: echo.url, transport: Self.transport(sleeps: sleeps, logs: logs)).send(Notifications.failed)
        }
        let badURL = try #require(throws: NotifierError.self) {
            try TeamsNotifier(webhookURL: "ftp://example.com/SeCrEtSiGnAtUrE123", transport: Self.transport(sleeps: sleeps))
        }
        #expect(badURL.code == .configuration)
        let notifier = try TeamsNotifier(webhookURL: hook.url, transport: Self.transport(sleeps: sleeps))
        let texts = [gaveUp.message, refused.message, badURL.message, String(describing: notifier), String(reflecting: notifier)]
            + logs.all
        #expect(!logs.all.isEmpty, "retries were logged")
        for text in texts {
            #expect(!text.contains("SeCrEtSiGnAtUrE123"), "leaked: \(text)")
            #expect(!text.contains("/workflows/8c1f2e"), "leaked: \(text)")
        }
    }

    @Test func aTimedOutAttemptIsRetried() async throws {
        // The first answer would come after 30 s; a second request proves the first was abandoned.
        let hook = try await ScriptedWebhook(responses: [["status": 200, "delay": 30], ["status": 200]])
        let sleeps = RecordedSleeps()
        let notifier = try JSONWebhookNotifier(webhookURL: hook.url, transport: Self.transport(sleeps: sleeps, timeout: .milliseconds(400)))
        let started = ContinuousClock.now
        try await notifier.send(Notifications.succeeded)
        #expect(ContinuousClock.now - started < .seconds(10), "the slow attempt was abandoned at its deadline, not answered")
        #expect(try hook.received.count == 2)
        #expect(sleeps.all.count == 1)
    }

    @Test func anUnreachableServerIsRetriedThenGivesUp() async throws {
        let port = try HTTPReceiverProcess.closedPort()
        let sleeps = RecordedSleeps()
        let notifier = try SlackNotifier(webhookURL: "http://127.0.0.1:\(port)/services/T0/B0/SeCrEtSiGnAtUrE123",
                                         transport: Self.transport(sleeps: sleeps, attempts: 2, timeout: .seconds(1)))
        let error = try await #require(throws: NotifierError.self) { try await notifier.send(Notifications.succeeded) }
        #expect(error.code == .gaveUp)
        #expect(sleeps.all.count == 1)
        #expect(!error.message.contains("SeCrEtSiGnAtUrE123") && !error.message.contains("/services/"))
    }

    @Test func extraHeadersOfTheGenericWebhookAreSent() async throws {
        let hook = try await ScriptedWebhook(statuses: [204])
        let notifier = try JSONWebhookNotifier(webhookURL: hook.url, headers: [("Authorization", "Bearer tok-123")],
                                               transport: Self.transport(sleeps: RecordedSleeps()))
        try await notifier.send(Notifications.succeeded)
        let request = try #require(try hook.received.first)
        #expect(request.method == "POST")
        #expect(request.headers["authorization"] == "Bearer tok-123")
        #expect(request.headers["content-type"] == "application/json")
        #expect(try JSONDecoder().decode(RunNotification.self, from: Data(request.body.utf8)) == Notifications.succeeded)
        #expect(!String(describing: notifier).contains("tok-123"))
    }
}
