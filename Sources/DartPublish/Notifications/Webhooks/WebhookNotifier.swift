import Foundation

/// How one kind of webhook wants a run told: its channel name and its JSON body.
public protocol WebhookMessageFormat: Sendable {
    static var channel: String { get }
    static func payload(for notification: RunNotification) throws -> Data
}

/// A notifier that posts `Format`'s message to a webhook through a shared `WebhookTransport`.
public struct WebhookNotifier<Format: WebhookMessageFormat>: Notifier, CustomStringConvertible {
    public let endpoint: WebhookEndpoint
    public let transport: WebhookTransport
    private let headers: [(String, String)]

    /// - Parameter headers: extra request headers, e.g. `Authorization` (secrets: never logged or printed).
    /// - Throws: `NotifierError(.configuration)` when the URL is not http(s); the message does not echo it.
    public init(webhookURL: String, headers: [(String, String)] = [], transport: WebhookTransport) throws {
        self.endpoint = try WebhookEndpoint(webhookURL, channel: Format.channel)
        self.headers = headers
        self.transport = transport
    }

    public var channel: String { Format.channel }
    public var description: String { "\(Format.channel) notifier (webhook URL and headers redacted)" }

    public func send(_ notification: RunNotification) async throws {
        try await transport.post(try Format.payload(for: notification), to: endpoint, channel: channel, headers: headers)
    }

    public static func payload(for notification: RunNotification) throws -> Data { try Format.payload(for: notification) }
}

/// Microsoft Teams through a Workflows webhook (Adaptive Card).
public typealias TeamsNotifier = WebhookNotifier<TeamsCard>
/// Slack incoming webhook (Block Kit).
public typealias SlackNotifier = WebhookNotifier<SlackMessage>
/// Any HTTP endpoint that takes the `RunNotification` as JSON.
public typealias JSONWebhookNotifier = WebhookNotifier<RunNotificationJSON>

/// The `RunNotification` itself, JSON with sorted keys.
public enum RunNotificationJSON: WebhookMessageFormat {
    public static let channel = "webhook"

    public static func payload(for notification: RunNotification) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(notification)
    }
}
