import Foundation

/// Exponential backoff with full jitter, capped, honouring a server's Retry-After.
/// The sleep is injected so tests run on a test clock.
public struct RetryPolicy: Sendable {
    public var maxAttempts: Int
    public var baseDelaySeconds: Double
    public var maxDelaySeconds: Double

    public init(maxAttempts: Int = 4, baseDelaySeconds: Double = 0.5, maxDelaySeconds: Double = 30) {
        self.maxAttempts = maxAttempts
        self.baseDelaySeconds = baseDelaySeconds
        self.maxDelaySeconds = maxDelaySeconds
    }

    /// Delay before attempt `attempt + 1` (attempt counts from 1). `retryAfter` (seconds) wins when given, capped.
    public func delay(afterAttempt attempt: Int, retryAfter: Double?, random: inout some RandomNumberGenerator) -> Double {
        if let retryAfter { return min(max(retryAfter, 0), maxDelaySeconds) }
        let ceiling = min(maxDelaySeconds, baseDelaySeconds * pow(2, Double(attempt - 1)))
        return Double.random(in: 0...ceiling, using: &random)
    }

    /// Parses Retry-After: delta-seconds or an HTTP date.
    public static func parseRetryAfter(_ value: String?, now: Date) -> Double? {
        guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        if let seconds = Double(value) { return seconds }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return formatter.date(from: value).map { max(0, $0.timeIntervalSince(now)) }
    }
}

/// Whether a failed attempt is worth retrying: 429, 5xx, timeouts and connection errors.
public enum RetryDecision {
    public static func isRetryable(httpStatus: Int) -> Bool { httpStatus == 429 || (500...599).contains(httpStatus) }
}
