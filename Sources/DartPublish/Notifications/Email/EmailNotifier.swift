import Foundation
import Logging

/// Emails run notifications over SMTP (libcurl): STARTTLS or implicit TLS, AUTH, one message
/// to all recipients, retried with backoff on transient failures. Errors carry libcurl's
/// text and the SMTP reply code, never the password.
public struct EmailNotifier: Notifier {
    public let configuration: EmailConfiguration
    private let logger: Logger
    private let clock: any Clock<Duration>
    private let now: @Sendable () -> Date
    private let transport: @Sendable (SMTPSubmission) async -> Result<Void, SMTPAttemptFailure>

    /// - Parameters:
    ///   - configuration: validated here; throws `NotifierError(.configuration)` naming the setting to fix.
    ///   - logger: one warning per failed attempt.
    ///   - clock: waits between attempts.
    ///   - now: the message's `Date:` header.
    public init(configuration: EmailConfiguration, logger: Logger, clock: any Clock<Duration> = ContinuousClock(),
                now: @escaping @Sendable () -> Date = { Date() }) throws {
        try self.init(configuration: configuration, logger: logger, clock: clock, now: now, transport: CurlSMTPTransport.send)
    }

    /// For tests of the retry logic: the transport is the seam.
    init(configuration: EmailConfiguration, logger: Logger, clock: any Clock<Duration>, now: @escaping @Sendable () -> Date,
         transport: @escaping @Sendable (SMTPSubmission) async -> Result<Void, SMTPAttemptFailure>) throws {
        try configuration.validate()
        self.configuration = configuration
        self.logger = logger
        self.clock = clock
        self.now = now
        self.transport = transport
    }

    public var channel: String { "email" }

    public func send(_ notification: RunNotification) async throws {
        let submission = makeSubmission(for: notification)
        let policy = configuration.retry
        var random = SystemRandomNumberGenerator()
        var attempt = 1
        while true {
            switch await transport(submission) {
            case .success:
                logger.info("email sent", metadata: ["run_id": "\(notification.runID)", "attempts": "\(attempt)",
                                                     "recipients": "\(configuration.recipients.count)"])
                return
            case .failure(let failure):
                guard failure.isTransient, attempt < policy.maxAttempts else { throw error(for: failure, attempts: attempt) }
                let delay = policy.delay(afterAttempt: attempt, retryAfter: nil, random: &random)
                logger.warning("email attempt failed; retrying", metadata: [
                    "run_id": "\(notification.runID)", "attempt": "\(attempt)", "retry_in_s": "\(String(format: "%.2f", delay))",
                    "error": "\(redact(failure.message))"])
                try await clock.sleep(for: .milliseconds(Int64(delay * 1000)))
                attempt += 1
            }
        }
    }

    func makeSubmission(for notification: RunNotification) -> SMTPSubmission {
        let message = EmailMessage(
            from: configuration.from, fromName: configuration.fromName, to: configuration.recipients,
            subject: notification.title, text: notification.text,
            html: configuration.includeHTML ? EmailHTMLBody.render(notification) : nil, date: now(),
            messageID: "<\(UUID().uuidString.lowercased())@\(EmailAddress.domain(of: configuration.from))>")
        return SMTPSubmission(
            url: configuration.url, username: configuration.username, password: configuration.password,
            requireTLS: configuration.security != .none, caFile: configuration.caFile, mailFrom: configuration.from,
            recipients: configuration.recipients, message: message.rendered(),
            connectTimeoutSeconds: configuration.connectTimeoutSeconds, totalTimeoutSeconds: configuration.totalTimeoutSeconds)
    }

    private func error(for failure: SMTPAttemptFailure, attempts: Int) -> NotifierError {
        let reply = failure.responseCode > 0 ? " (SMTP reply \(failure.responseCode))" : ""
        let tries = attempts > 1 ? " after \(attempts) attempts" : ""
        let advice = switch failure.kind {
        case .authentication: "; check the SMTP username and password environment variables"
        case .tls: "; check the server's STARTTLS support and the CA file"
        case .connect: "; check smtp_host and smtp_port and that the server is running"
        case .timeout: "; the server did not answer within the configured timeouts"
        case .rejected, .network, .other: ""
        }
        let message = redact("email to \(configuration.recipients.joined(separator: ", ")) via \(configuration.url) failed\(tries): \(failure.message)\(reply)\(advice)")
        return NotifierError(failure.kind == .timeout ? .timeout : .smtp, message)
    }

    private func redact(_ text: String) -> String {
        guard let password = configuration.password, !password.isEmpty else { return text }
        return text.replacingOccurrences(of: password, with: "•••")
    }
}
