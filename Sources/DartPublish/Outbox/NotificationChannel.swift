import DartConfig
import Foundation
import Logging

/// One notification channel: its name in target keys (`notify:<name>`), whether the settings
/// enable it, and how its notifier is built. Adding a channel is one `Notifier` type plus one
/// entry in `standard`.
public struct NotificationChannel: Sendable {
    /// What a channel's notifier is built from.
    public struct Context: Sendable {
        public let settings: Settings
        /// HTTP with the configured timeout and retries (webhook-style channels).
        public let transport: WebhookTransport
        public let logger: Logger
        public let now: @Sendable () -> Date
        let console: @Sendable (String) -> Void
        /// The secret in an environment variable; the error names `setting` when it is unset.
        public let secret: @Sendable (_ variable: String, _ setting: String) throws -> String
    }

    public let name: String
    public let isEnabled: @Sendable (Settings) -> Bool
    public let make: @Sendable (Context) throws -> any Notifier

    public init(name: String, isEnabled: @escaping @Sendable (Settings) -> Bool,
                make: @escaping @Sendable (Context) throws -> any Notifier) {
        self.name = name
        self.isEnabled = isEnabled
        self.make = make
    }

    /// The channels `dartcast` ships, in delivery order.
    public static let standard: [NotificationChannel] = [teams, slack, webhook, email]

    /// Used when notifications are on and no other channel is enabled.
    public static let console = NotificationChannel(name: "console", isEnabled: { _ in false }) { context in
        ConsoleNotifier(write: context.console)
    }

    public static let teams = NotificationChannel(name: "teams", isEnabled: { $0.notifications.teams.enabled }) { context in
        try TeamsNotifier(webhookURL: try context.secret(context.settings.notifications.teams.urlEnv, "notifications.teams.url_env"),
                          transport: context.transport)
    }

    public static let slack = NotificationChannel(name: "slack", isEnabled: { $0.notifications.slack.enabled }) { context in
        try SlackNotifier(webhookURL: try context.secret(context.settings.notifications.slack.urlEnv, "notifications.slack.url_env"),
                          transport: context.transport)
    }

    public static let webhook = NotificationChannel(name: "webhook", isEnabled: { $0.notifications.webhook.enabled }) { context in
        try JSONWebhookNotifier(webhookURL: try context.secret(context.settings.notifications.webhook.urlEnv, "notifications.webhook.url_env"),
                                transport: context.transport)
    }

    public static let email = NotificationChannel(name: "email", isEnabled: { $0.notifications.email.enabled }) { context in
        let notifications = context.settings.notifications, email = notifications.email
        let security: EmailConfiguration.Security = email.starttls ? .starttls : (email.smtpPort == 465 ? .implicitTLS : .none)
        let configuration = EmailConfiguration(
            host: email.smtpHost, port: email.smtpPort, security: security,
            username: try? context.secret(email.usernameEnv, "notifications.email.username_env"),
            password: try? context.secret(email.passwordEnv, "notifications.email.password_env"), from: email.from,
            recipients: email.recipients, totalTimeoutSeconds: notifications.timeoutSeconds,
            retry: RetryPolicy(maxAttempts: notifications.maxRetries + 1))
        return try EmailNotifier(configuration: configuration, logger: context.logger, now: context.now)
    }
}
