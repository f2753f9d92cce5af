import AsyncHTTPClient
import Foundation
import Logging
import NIOHTTP1

/// Posts JSON to webhooks with a per-attempt timeout, retrying 429, 5xx, timeouts and
/// connection errors with exponential backoff and full jitter (`RetryPolicy`), honouring
/// Retry-After. Other answers fail at once. One transport serves every webhook notifier.
public struct WebhookTransport: Sendable {
    public struct Configuration: Sendable {
        /// Deadline of one attempt.
        public var timeout: Duration
        public var retry: RetryPolicy

        public init(timeout: Duration = .seconds(10), retry: RetryPolicy = RetryPolicy()) {
            self.timeout = timeout
            self.retry = retry
        }
    }

    public typealias Sleep = @Sendable (Duration) async throws -> Void

    public let configuration: Configuration
    private let exchange: HTTPExchange
    private let logger: Logger
    private let sleep: Sleep
    private let now: @Sendable () -> Date

    /// - Parameters:
    ///   - httpClient: shared client; its owner shuts it down.
    ///   - sleep: waits between attempts (tests inject one that records instead of waiting).
    ///   - now: for Retry-After given as an HTTP date.
    public init(httpClient: HTTPClient, configuration: Configuration = Configuration(), logger: Logger,
                sleep: @escaping Sleep = { try await Task.sleep(for: $0) }, now: @escaping @Sendable () -> Date = { Date() }) {
        self.configuration = configuration
        self.exchange = HTTPExchange(client: httpClient, timeout: configuration.timeout, maxResponseBytes: 1 << 20)
        self.logger = logger
        self.sleep = sleep
        self.now = now
    }

    /// Posts `json` until a 2xx answer or a final failure.
    /// - Throws: `NotifierError(.http)` for an answer not worth retrying, `.gaveUp` when every
    ///   attempt failed. Messages name the channel and the last status, never the URL.
    public func post(_ json: Data, to endpoint: WebhookEndpoint, channel: String, headers: [(String, String)] = []) async throws {
        let attempts = max(1, configuration.retry.maxAttempts)
        var random = SystemRandomNumberGenerator()
        var lastOutcome = ""
        for attempt in 1...attempts {
            let retryAfter: Double?
            do {
                let response = try await exchange.send(method: .POST, url: endpoint.url,
                                                       headers: [("content-type", "application/json")] + headers, body: json)
                if (200...299).contains(response.status) {
                    logger.debug("webhook delivered", metadata: ["channel": "\(channel)", "attempt": "\(attempt)", "status": "\(response.status)"])
                    return
                }
                lastOutcome = "HTTP \(response.status)"
                guard RetryDecision.isRetryable(httpStatus: response.status) else {
                    let answer = endpoint.redacting(String(decoding: response.body.prefix(200), as: UTF8.self))
                        .trimmingCharacters(in: .whitespacesAndNewlines)
                    throw NotifierError(.http, "\(channel) webhook refused the message with \(lastOutcome)\(answer.isEmpty ? "" : " (\(answer))"); not retried: check the webhook URL and the payload")
                }
                retryAfter = RetryPolicy.parseRetryAfter(response.headers.first(name: "retry-after"), now: now())
            } catch let failure as HTTPTransportFailure {
                lastOutcome = failure.reason
                guard failure.kind == .timedOut || failure.kind == .unreachable else {
                    throw NotifierError(.http, "\(channel) webhook failed: \(failure.reason)")
                }
                retryAfter = nil
            }
            guard attempt < attempts else { break }
            let delay = configuration.retry.delay(afterAttempt: attempt, retryAfter: retryAfter, random: &random)
            logger.warning("webhook attempt failed; retrying", metadata: [
                "channel": "\(channel)", "attempt": "\(attempt)", "outcome": "\(lastOutcome)", "retry_in_s": "\(delay)"])
            try await sleep(.milliseconds(Int64((delay * 1000).rounded())))
        }
        throw NotifierError(.gaveUp, "\(channel) webhook gave up after \(attempts) attempts; last: \(lastOutcome)")
    }
}
