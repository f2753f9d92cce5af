/// Run notifications: Teams, Slack, a generic webhook and email. URLs and passwords come from
/// the environment variables named here.
public struct NotificationSettings: Hashable, Sendable {
    /// Master switch. Default false.
    public var enabled: Bool
    /// Notify after successful runs. Default false.
    public var onSuccess: Bool
    /// Notify after failed runs. Default true.
    public var onFailure: Bool
    /// Per-attempt timeout. Default 10 s.
    public var timeoutSeconds: Double
    /// Further attempts after a failed delivery (failures are logged and recorded, never swallowed). Default 3.
    public var maxRetries: Int
    public var teams: WebhookChannel
    public var slack: WebhookChannel
    public var webhook: WebhookChannel
    public var email: EmailSettings

    public init(enabled: Bool = false, onSuccess: Bool = false, onFailure: Bool = true,
                timeoutSeconds: Double = 10, maxRetries: Int = 3,
                teams: WebhookChannel = WebhookChannel(urlEnv: "DARTCAST_TEAMS_WEBHOOK_URL"),
                slack: WebhookChannel = WebhookChannel(urlEnv: "DARTCAST_SLACK_WEBHOOK_URL"),
                webhook: WebhookChannel = WebhookChannel(urlEnv: "DARTCAST_WEBHOOK_URL"),
                email: EmailSettings = .defaults) {
        self.enabled = enabled
        self.onSuccess = onSuccess
        self.onFailure = onFailure
        self.timeoutSeconds = timeoutSeconds
        self.maxRetries = maxRetries
        self.teams = teams
        self.slack = slack
        self.webhook = webhook
        self.email = email
    }

    public static let defaults = NotificationSettings()
}

/// A channel that receives a JSON POST at a secret URL.
public struct WebhookChannel: Hashable, Sendable {
    /// Default false.
    public var enabled: Bool
    /// Environment variable holding the URL (the URL is the credential).
    public var urlEnv: String

    public init(enabled: Bool = false, urlEnv: String) {
        self.enabled = enabled
        self.urlEnv = urlEnv
    }
}

/// SMTP delivery.
public struct EmailSettings: Hashable, Sendable {
    /// Default false.
    public var enabled: Bool
    public var smtpHost: String
    /// Default 587 (submission with STARTTLS).
    public var smtpPort: Int
    /// Default true.
    public var starttls: Bool
    public var from: String
    public var recipients: [String]
    public var usernameEnv: String
    public var passwordEnv: String

    public init(enabled: Bool = false, smtpHost: String = "", smtpPort: Int = 587, starttls: Bool = true,
                from: String = "", recipients: [String] = [],
                usernameEnv: String = "DARTCAST_SMTP_USERNAME", passwordEnv: String = "DARTCAST_SMTP_PASSWORD") {
        self.enabled = enabled
        self.smtpHost = smtpHost
        self.smtpPort = smtpPort
        self.starttls = starttls
        self.from = from
        self.recipients = recipients
        self.usernameEnv = usernameEnv
        self.passwordEnv = passwordEnv
    }

    public static let defaults = EmailSettings()
}
