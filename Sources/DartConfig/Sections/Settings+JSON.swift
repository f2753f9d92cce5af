extension Settings {
    /// Reads every section; problems go to the reader's context.
    init(reading reader: ObjectReader) {
        self.init(
            scheduling: reader.section("scheduling", .defaults, SchedulingSettings.init(reading:)),
            market: reader.section("market", .defaults, MarketSettings.init(reading:)),
            storage: reader.section("storage", .defaults, StorageSettings.init(reading:)),
            output: reader.section("output", .defaults, OutputSettings.init(reading:)),
            notifications: reader.section("notifications", .defaults, NotificationSettings.init(reading:)),
            sql: reader.section("sql", .defaults, SQLSettings.init(reading:)),
            models: reader.section("models", .defaults, ModelSettings.init(reading:)),
            monitoring: reader.section("monitoring", .defaults, MonitoringSettings.init(reading:)),
            sources: reader.section("sources", .defaults, SourceSettings.init(reading:)),
            server: reader.section("server", .defaults, ServerSettings.init(reading:)),
            features: reader.section("features", .defaults, FeatureSettings.init(reading:)),
            freshness: reader.section("freshness", .defaults, FreshnessSettings.init(reading:)))
        reader.finish()
    }

    /// The settings as a settings.json tree. With `secrets`, each `*_env` key is followed by
    /// the secret's status (`"***"` or null) — never its value.
    public func jsonNode(secrets: Secrets? = nil) -> JSONNode {
        let secretFields = SecretFields(secrets: secrets)
        return .object([
            ("scheduling", scheduling.json(secretFields)),
            ("market", market.json(secretFields)),
            ("storage", storage.json(secretFields)),
            ("output", output.json(secretFields)),
            ("notifications", notifications.json(secretFields)),
            ("sql", sql.json(secretFields)),
            ("models", models.json(secretFields)),
            ("monitoring", monitoring.json(secretFields)),
            ("sources", sources.json(secretFields)),
            ("server", server.json(secretFields)),
            ("features", features.json(secretFields)),
            ("freshness", freshness.json(secretFields)),
        ])
    }

    /// A complete settings.json text for these settings (no secret status).
    public var settingsFileText: String { JSONWriter.prettyPrinted(jsonNode()) }
}
