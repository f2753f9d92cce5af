import DartConfig
import DartCore
import DartData
import DartFeatures
import DartModels
import DartPublish
import DartRuns
import Foundation
import Logging
import AsyncHTTPClient

/// Everything a command or the server needs, resolved once from settings: market rules, the
/// data directory and its stores. Loggers and clocks are injected.
public struct Workspace: Sendable {
    public let loaded: LoadedSettings
    public var settings: Settings { loaded.settings }
    public let dataDirectory: URL
    public let rules: MarketRules
    public let logger: Logger
    public let now: @Sendable () -> Date
    /// Told the row count of every feature frame this workspace's builders make (tests count them).
    public var featureBuildObserver: (@Sendable (_ rows: Int) -> Void)?

    /// - Parameter dataDirectory: overrides `storage.data_dir` (the `--data-dir` option).
    public init(loaded: LoadedSettings, dataDirectory: URL?, logger: Logger, now: @escaping @Sendable () -> Date = { Date() }) throws {
        self.loaded = loaded
        let market = loaded.settings.market
        guard let zone = MarketTimeZone(identifier: loaded.settings.scheduling.timezone) else {
            throw WorkspaceError("scheduling.timezone '\(loaded.settings.scheduling.timezone)' is not a time zone this system knows")
        }
        do {
            rules = try MarketRules(timeZone: zone,
                                    dayaheadIssueMinuteOfDay: market.dayaheadIssueTime.hour * 60 + market.dayaheadIssueTime.minute,
                                    hourlyIssueMinute: market.hourlyIssueMinute,
                                    damPublicationMinuteOfDay: market.damPublishTime.hour * 60 + market.damPublishTime.minute,
                                    rtPublicationLagMinutes: market.rtPublicationLagMinutes,
                                    rtIntervalPublicationLagMinutes: market.rtIntervalPublicationLagMinutes)
        } catch {
            throw WorkspaceError("market settings: \(error)")
        }
        self.dataDirectory = dataDirectory ?? URL(fileURLWithPath: loaded.settings.storage.dataDir)
        self.logger = logger
        self.now = now
    }

    public func marketStore() throws -> MarketStore {
        try MarketStore(directory: dataDirectory, databaseFile: marketStoreFile, logger: logger, now: now, zone: rules.timeZone)
    }

    /// The market store for a command that only reads it (backtest, tune, data status): a data
    /// directory without one is far more often a mistyped `--data-dir` than an empty store, so it
    /// is refused instead of created empty.
    /// - Throws: `WorkspaceError` naming the file and how to fill it when it does not exist.
    public func existingMarketStore() throws -> MarketStore {
        guard FileManager.default.fileExists(atPath: marketStoreFile.path) else {
            throw WorkspaceError("no market store at \(marketStoreFile.path) (data directory \(dataDirectory.path), "
                + "`storage.market_store.sqlite_path` \(settings.storage.marketStore.sqlitePath)); check --data-dir, "
                + "or load prices first with `dartcast ingest FILE… --data-dir \(dataDirectory.path)`")
        }
        return try marketStore()
    }

    /// The market store's SQLite file: `storage.market_store.sqlite_path`, relative to the data
    /// directory unless absolute.
    public var marketStoreFile: URL { dataDirectory.resolvingSettingPath(settings.storage.marketStore.sqlitePath) }

    public func registry(createIfMissing: Bool = true) throws -> ModelRegistry {
        try ModelRegistry(root: ModelRegistry.url(dataDirectory: dataDirectory), createIfMissing: createIfMissing, now: now, logger: logger)
    }

    public func runStore() throws -> RunStore { try RunStore(directory: dataDirectory, now: now) }

    /// The points to forecast: those configured that the store holds, else every stored point.
    public func points(in store: MarketStore) throws -> [SettlementPoint] {
        let stored = try store.points()
        let configured = settings.market.settlementPoints.filter { stored.contains($0) }
        return configured.isEmpty ? stored : configured
    }

    public func featureBuilder(pointCategories: [SettlementPoint]) throws -> FeatureBuilder {
        let features = settings.features
        var builder = try FeatureBuilder(rules: rules, configuration: .init(pointCategories: pointCategories, groups: Set(features.groups),
                                                                            regimes: features.regimes, excludedColumns: features.exclude,
                                                                            hourlyExcludedColumns: features.hourlyExclude))
        builder.onBuild = featureBuildObserver
        return builder
    }

    public var gitSHA: String {
        GitRevision.resolve(environment: ProcessInfo.processInfo.environment,
                            repositoryDirectory: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
    }
}

extension PublishTargetFactory {
    /// The targets of this workspace's settings, secrets and data directory.
    public init(workspace: Workspace, httpClient: HTTPClient = PublishTargetFactory.pipelineShared, logger: Logger? = nil,
                console: @escaping @Sendable (String) -> Void = { print($0) }, channels: [NotificationChannel] = NotificationChannel.standard) {
        self.init(settings: workspace.settings, secrets: workspace.loaded.secrets, dataDirectory: workspace.dataDirectory,
                  now: workspace.now, logger: logger ?? workspace.logger, httpClient: httpClient, console: console, channels: channels)
    }
}
