import DartTesting
import Foundation
import Testing
@testable import DartPublish

/// Against the real aiosmtpd server from `scripts/test-services` (STARTTLS required, AUTH required).
@Suite(.enabled(if: TestServices.shouldRun(TestServices.smtp != nil)))
struct EmailNotifierSMTPTests {
    typealias Support = EmailTestSupport

    @Test func aSuccessNotificationArrivesOverTLSWithAuthAndProperHeaders() async throws {
        let service = try #require(TestServices.smtp)
        let notifier = try EmailNotifier(configuration: Support.configuration(service), logger: Support.logger)
        let runID = "run-\(UUID().uuidString.prefix(8))"
        let notification = RunNotification(runID: runID, job: "predict", product: "hourly", outcome: .succeeded,
                                           slotUTC: 1_730_541_900, points: ["HB_NORTH", "HB_WEST"], rowCount: 48,
                                           summary: ["mean_prediction": 3.25], link: "https://dartcast.example/runs/\(runID)")
        try await notifier.send(notification)

        let file = try #require(try await Support.spooledMessage(containing: runID, in: service.spoolDirectory))
        let parsed = try Support.parseWithPython(file)
        #expect(parsed["X-TLS"] as? String == "yes")
        #expect(parsed["X-Authenticated-As"] as? String == service.user)
        #expect(parsed["X-Envelope-From"] as? String == "dartcast@example.com")
        #expect(parsed["X-Envelope-To"] as? String == Support.recipients.joined(separator: ", "))
        #expect(parsed["From"] as? String == "dartcast forecasts <dartcast@example.com>")
        #expect(parsed["To"] as? String == Support.recipients.joined(separator: ", "))
        #expect(parsed["Subject"] as? String == "dartcast hourly run \(runID) succeeded: 48 rows for 2 points")
        #expect(parsed["MIME-Version"] as? String == "1.0")
        #expect((parsed["Message-ID"] as? String)?.hasSuffix("@example.com>") == true)
        #expect(parsed["date_ok"] as? Bool == true)
        #expect(parsed["types"] as? [String] == ["multipart/alternative", "text/plain", "text/html"])
        #expect(parsed["charsets"] as? [String] == ["utf-8", "utf-8"])
        let text = try #require(parsed["text"] as? String)
        #expect(text.contains("job: predict"))
        #expect(text.contains("mean_prediction: 3.25"))
        #expect(text.contains("details: https://dartcast.example/runs/\(runID)"))
        #expect((parsed["html"] as? String)?.contains("<a href=\"https://dartcast.example/runs/\(runID)\">") == true)
        #expect((parsed["max_line"] as? Int ?? 999) <= 78)
    }

    @Test func aFailureNotificationCarriesTheStepAndTheError() async throws {
        let service = try #require(TestServices.smtp)
        var configuration = Support.configuration(service)
        configuration.includeHTML = false
        let notifier = try EmailNotifier(configuration: configuration, logger: Support.logger)
        let runID = "run-\(UUID().uuidString.prefix(8))"
        let error = "LightGBM training failed: feature 'load_forecast_Δ' has only NaN values for HB_NORTH on 2024-11-03 (25 hours); check the ingest of NP4-732-CD before retraining = retry later."
        try await notifier.send(RunNotification(runID: runID, job: "retrain", product: "dayahead", outcome: .failed,
                                                slotUTC: 1_730_541_600, failedStep: "train", error: error))

        let file = try #require(try await Support.spooledMessage(containing: runID, in: service.spoolDirectory))
        let parsed = try Support.parseWithPython(file)
        #expect(parsed["Subject"] as? String == "dartcast dayahead run \(runID) FAILED at train")
        #expect(parsed["types"] as? [String] == ["text/plain"])
        let text = try #require(parsed["text"] as? String)
        #expect(text.contains("failed step: train"))
        #expect(text.contains("error: " + error))
        #expect(parsed["X-TLS"] as? String == "yes")
    }

    @Test func aWrongPasswordFailsAsSMTPWithoutShowingThePassword() async throws {
        let service = try #require(TestServices.smtp)
        let wrong = "not-the-password-\(UUID().uuidString.prefix(8))"
        let notifier = try EmailNotifier(configuration: Support.configuration(service, password: wrong), logger: Support.logger)
        let error = await #expect(throws: NotifierError.self) {
            try await notifier.send(RunNotification(runID: "r-wrong", job: "predict", product: "hourly", outcome: .succeeded, slotUTC: 0))
        }
        let message = try #require(error).message
        #expect(error?.code == .smtp)
        #expect(message.contains("Login denied"))
        #expect(message.contains("535"))
        #expect(!message.contains("after"))  // authentication failures are not retried
        #expect(!message.contains(wrong))
        #expect(!message.contains(service.password))
    }

    @Test func aClosedPortFailsFast() async throws {
        let service = try #require(TestServices.smtp)
        let port = try LoopbackPort.closed()
        let notifier = try EmailNotifier(configuration: Support.configuration(service, port: port), logger: Support.logger)
        let clock = ContinuousClock()
        let started = clock.now
        let error = await #expect(throws: NotifierError.self) {
            try await notifier.send(RunNotification(runID: "r-closed", job: "predict", product: "hourly", outcome: .succeeded, slotUTC: 0))
        }
        #expect(clock.now - started < .seconds(3))
        #expect(error?.code == .smtp)
        #expect(error?.message.contains("after 2 attempts") == true)
        #expect(error?.message.contains("connect") == true)
    }
}
