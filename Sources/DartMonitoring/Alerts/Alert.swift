/// What an alert is about.
public enum AlertKind: String, Hashable, Sendable, Codable, CaseIterable {
    /// Rolling MAE over `monitoring.scoring_window_days` above `monitoring.rolling_mae_threshold`.
    case rollingMAE = "rolling_mae"
    /// Daily MAE above the zero forecast's for `monitoring.worse_than_zero_days` consecutive days.
    case worseThanZero = "worse_than_zero"
    /// A feature's PSI (recent issues vs the model's training window) above `monitoring.psi_threshold`.
    case featureDrift = "feature_drift"
}

/// A condition that holds now: evaluating the rules gives these; the store turns them into alerts.
public struct AlertCondition: Hashable, Sendable {
    public var kind: AlertKind
    /// `product/family` for model alerts, `product/feature` for drift.
    public var subject: String
    public var value: Double
    public var threshold: Double
    /// One line for people: what crossed which threshold.
    public var message: String

    public init(kind: AlertKind, subject: String, value: Double, threshold: Double, message: String) {
        self.kind = kind
        self.subject = subject
        self.value = value
        self.threshold = threshold
        self.message = message
    }
}

/// A recorded alert. One open alert per (kind, subject): while the condition holds the alert
/// is updated (value, last seen), not re-raised; when it stops holding the alert is resolved.
public struct Alert: Hashable, Sendable, Codable {
    public var id: Int64
    public var kind: AlertKind
    public var subject: String
    public var value: Double
    public var threshold: Double
    public var message: String
    public var firstSeenUTC: Int64
    public var lastSeenUTC: Int64
    public var resolvedAtUTC: Int64?
    /// When the opening notice went out on every channel; nil while a channel still failed.
    public var notifiedAtUTC: Int64?
    public var resolutionNotifiedAtUTC: Int64?
    /// The last notifier failure (our own message, no secrets).
    public var notifyError: String?

    public var isOpen: Bool { resolvedAtUTC == nil }
}
