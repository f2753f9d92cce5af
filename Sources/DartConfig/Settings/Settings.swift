import DartCore

/// Everything dartcast reads from settings.json. Every field has a documented default, so an
/// empty or missing file is a working configuration (`Settings.defaults`).
///
/// Secrets are not stored here: fields ending in `Env` name the environment variable that
/// holds the secret; `Secrets` resolves them.
public struct Settings: Hashable, Sendable {
    public var scheduling: SchedulingSettings
    public var market: MarketSettings
    public var storage: StorageSettings
    public var output: OutputSettings
    public var notifications: NotificationSettings
    public var sql: SQLSettings
    public var models: ModelSettings
    public var monitoring: MonitoringSettings
    public var sources: SourceSettings
    public var server: ServerSettings
    public var features: FeatureSettings
    public var freshness: FreshnessSettings

    public init(scheduling: SchedulingSettings = .defaults, market: MarketSettings = .defaults,
                storage: StorageSettings = .defaults, output: OutputSettings = .defaults,
                notifications: NotificationSettings = .defaults, sql: SQLSettings = .defaults,
                models: ModelSettings = .defaults, monitoring: MonitoringSettings = .defaults,
                sources: SourceSettings = .defaults, server: ServerSettings = .defaults,
                features: FeatureSettings = .defaults, freshness: FreshnessSettings = .defaults) {
        self.scheduling = scheduling
        self.market = market
        self.storage = storage
        self.output = output
        self.notifications = notifications
        self.sql = sql
        self.models = models
        self.monitoring = monitoring
        self.sources = sources
        self.server = server
        self.features = features
        self.freshness = freshness
    }

    public static let defaults = Settings()
}
