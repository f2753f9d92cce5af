import PostgresNIO

extension PostgresConnectionSettings {
    /// The postgres-nio configuration for these settings (TLS mode, timeouts, application name),
    /// for other readers of the same server, such as the pipeline's PostgreSQL source.
    /// - Throws: `PostgresSettingsError(.tls)` when the TLS context cannot be built.
    public func connectionConfiguration() throws -> PostgresConnection.Configuration {
        try PostgresSession(settings: self, deadlineSeconds: statementTimeoutSeconds, logger: Logger(label: "dartcast.postgres"),
                            clock: ContinuousClock()).makeConfiguration()
    }
}
