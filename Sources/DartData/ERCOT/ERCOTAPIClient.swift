import AsyncHTTPClient
import DartConfig
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import Synchronization

/// GETs against ERCOT's Public Reports API: both auth headers, the client-side rate limit, and
/// retries with jittered backoff on 429 (after `Retry-After`), 5xx and connection errors.
/// Nothing it logs or throws contains the key, the password or the token.
final class ERCOTAPIClient: Sendable {
    struct Counters: Sendable {
        var requests = 0
        var retries = 0
        var throttled = 0
    }

    let settings: ERCOTSourceSettings
    private let credentials: ERCOTCredentials
    private let http: HTTPClient
    private let tokens: ERCOTTokenProvider
    private let limiter: RequestRateLimiter
    private let logger: Logger
    private let sleep: @Sendable (Duration) async throws -> Void
    private let counters = Mutex(Counters())

    init(settings: ERCOTSourceSettings, credentials: ERCOTCredentials, http: HTTPClient, limiter: RequestRateLimiter,
         logger: Logger,
         sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }) {
        self.settings = settings
        self.credentials = credentials
        self.http = http
        self.limiter = limiter
        self.logger = logger
        self.sleep = sleep
        tokens = ERCOTTokenProvider(tokenURL: settings.tokenURL, clientID: settings.clientID, credentials: credentials, http: http,
                                    timeout: .seconds(Int64(settings.requestTimeoutSeconds)))
    }

    var counts: Counters { counters.withLock { $0 } }
    var tokensFetched: Int { get async { await tokens.tokensFetched } }

    /// The body of `GET <api_base_url>/<path>?<query>`, after retries.
    func get(_ path: String, query: [(String, String)]) async throws -> ByteBuffer {
        let url = settings.apiBaseURL.trimmingSuffix("/") + "/" + path
            + (query.isEmpty ? "" : "?" + query.map { "\($0)=\(ERCOTTokenProvider.formEncode($1))" }.joined(separator: "&"))
        var attempt = 1
        var renewedToken = false
        while true {
            try await limiter.acquire()
            counters.withLock { $0.requests += 1 }
            var request = HTTPClientRequest(url: url)
            request.headers.add(name: "Ocp-Apim-Subscription-Key", value: credentials.subscriptionKey.reveal())
            request.headers.add(name: "Authorization", value: "Bearer " + (try await tokens.token()))
            request.headers.add(name: "Accept", value: "application/json")
            let outcome: (status: HTTPResponseStatus, headers: HTTPHeaders, body: ByteBuffer)?
            var failure = ""
            do {
                let response = try await http.execute(request, timeout: .seconds(Int64(settings.requestTimeoutSeconds)))
                outcome = (response.status, response.headers, try await response.body.collect(upTo: 1 << 30))
            } catch {
                outcome = nil
                failure = ERCOTTokenProvider.networkReason(error)
            }
            if let outcome, outcome.status == .ok { return outcome.body }
            let delay: Duration
            if let outcome {
                let status = outcome.status.code
                let message = Self.serverMessage(outcome.body)
                switch status {
                case 401 where !renewedToken:
                    // The token may have been revoked early; one fresh token, then give up.
                    renewedToken = true
                    await tokens.invalidate()
                    continue
                case 401, 403:
                    throw SourceError(.authentication, context: "sources.ercot.subscription_key_env",
                                      "ERCOT answered \(status) for \(path): \(message); check the subscription key and API Explorer account")
                case 429:
                    counters.withLock { $0.throttled += 1 }
                    let retryAfter = outcome.headers.first(name: "Retry-After").flatMap(Double.init).map { Duration.milliseconds(Int64($0 * 1000)) }
                    delay = (retryAfter ?? backoff(attempt: attempt)) + .milliseconds(Int64.random(in: 0...250))
                    await limiter.serverThrottled(retryAfter: delay)
                    failure = "429 throttled"
                case 500...599:
                    delay = backoff(attempt: attempt)
                    failure = "HTTP \(status) \(message)"
                default:
                    throw SourceError(.query, context: "sources.ercot", "ERCOT answered \(status) for \(path): \(message)")
                }
            } else {
                delay = backoff(attempt: attempt)
            }
            guard attempt < settings.maxAttempts else {
                throw SourceError(.unavailable, context: "sources.ercot",
                                  "\(path) failed \(attempt) times, last: \(failure); try again later (sources.ercot.max_attempts = \(settings.maxAttempts))")
            }
            counters.withLock { $0.retries += 1 }
            logger.warning("ERCOT request will be retried", metadata: [
                "path": "\(path)", "attempt": "\(attempt)", "reason": "\(failure)", "wait_seconds": "\(delay.seconds)"])
            try await sleep(delay)
            attempt += 1
        }
    }

    /// Full jitter on 1 s · 2^(attempt−1), capped at a minute.
    private func backoff(attempt: Int) -> Duration {
        let ceiling = min(60.0, pow(2.0, Double(attempt - 1)))
        return .milliseconds(Int64(Double.random(in: 0.5...1.0) * ceiling * 1000))
    }

    /// ERCOT's `message` / `error_message` field, cut short; never echoes a header.
    static func serverMessage(_ body: ByteBuffer) -> String {
        let data = Data(buffer: body)
        if let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] {
            for key in ["message", "error_message", "error"] { if let text = object[key] as? String { return String(text.prefix(200)) } }
        }
        return String(decoding: data.prefix(200), as: UTF8.self)
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}

extension String {
    func trimmingSuffix(_ suffix: String) -> String { hasSuffix(suffix) ? String(dropLast(suffix.count)) : self }
}
