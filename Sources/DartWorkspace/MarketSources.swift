import DartData

/// The market sources `dartcast` ships. A new source is one `MarketSource` type plus one entry
/// in `registered`; an entry returns nil when its settings leave it off.
public enum MarketSources {
    public typealias Registration = @Sendable (Workspace) -> (any MarketSource)?

    public static let registered: [Registration] = [
        { InboxIngest(dataDirectory: $0.dataDirectory, logger: $0.logger) },
        { workspace in
            workspace.settings.sources.postgres.map {
                ConfiguredPostgresSource(settings: $0, secrets: workspace.loaded.secrets, points: workspace.settings.market.settlementPoints,
                                         zone: workspace.rules.timeZone, dataDirectory: workspace.dataDirectory, logger: workspace.logger)
            }
        },
        { workspace in
            workspace.settings.sources.ercot.map {
                ERCOTSource(settings: $0, secrets: workspace.loaded.secrets, points: workspace.settings.market.settlementPoints,
                            zone: workspace.rules.timeZone, dataDirectory: workspace.dataDirectory, logger: workspace.logger,
                            now: workspace.now)
            }
        },
    ]

    /// The sources enabled in the workspace's settings, from `registrations`.
    public static func configured(in workspace: Workspace, registrations: [Registration] = registered) -> [any MarketSource] {
        registrations.compactMap { $0(workspace) }
    }
}
