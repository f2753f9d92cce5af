import Foundation

/// Posts the `RunNotification` itself as JSON (sorted keys) to any HTTP endpoint, optionally
/// with extra headers such as `Authorization: Bearer …` (treated as secrets, never logged).
public struct JSONWebhookNotifier: Notifier, CustomStringConvertible {
    public let endpoint: WebhookEndpoint
    public let transport: WebhookTransport
    private let headers: [(String, String)]

    /// - Throws: `NotifierError(.configuration)` when the URL is not http(s).
    public init(webhookURL: String, headers: [(String, String)] = [], transport: WebhookTransport) throws {
        self.endpoint = try WebhookEndpoint(webhookURL, channel: "webhook")
        self.headers = headers
        self.transport = transport
    }

    public var channel: String { "webhook" }
    public var description: String { "JSONWebhookNotifier(<webhook URL and headers redacted>)" }

    public func send(_ notification: RunNotification) async throws {
        try await transport.post(try Self.payload(for: notification), to: endpoint, channel: channel, headers: headers)
    }

    public static func payload(for notification: RunNotification) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(notification)
    }
}
