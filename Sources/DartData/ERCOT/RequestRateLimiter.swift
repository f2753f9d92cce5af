import Foundation

/// At most `limit` requests in any `window`: a caller waits for a free slot before sending.
/// ERCOT allows 30 requests a minute per subscription; staying under it avoids 429s altogether.
public actor RequestRateLimiter {
    public let limit: Int
    public let window: Duration
    private let now: @Sendable () -> ContinuousClock.Instant
    private let sleep: @Sendable (Duration) async throws -> Void
    private var sent: [ContinuousClock.Instant] = []

    public init(limit: Int, window: Duration = .seconds(60),
                now: @escaping @Sendable () -> ContinuousClock.Instant = { ContinuousClock.now },
                sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }) {
        precondition(limit > 0, "a rate limit needs at least one request per window")
        self.limit = limit
        self.window = window
        self.now = now
        self.sleep = sleep
    }

    /// Waits until one more request fits in the window, then counts it.
    public func acquire() async throws {
        while true {
            let current = now()
            sent.removeAll { current - $0 >= window }
            if sent.count < limit {
                sent.append(current)
                return
            }
            // The oldest request leaves the window first; a little margin covers clock rounding.
            try await sleep(sent[0] + window - current + .milliseconds(50))
        }
    }

    /// Pushes every slot back after the server said it was throttled anyway (another client on the key).
    public func serverThrottled(retryAfter: Duration) {
        let until = now() + retryAfter - window
        sent = sent.map { max($0, until) }
    }
}
