import DartCore
import DartPostgres
import AsyncHTTPClient
import DartConfig
import Foundation
import Logging

/// Builds publish targets from the current settings and secrets. A retry builds its target
/// anew, so fixing a setting or a secret and retrying delivers. A target that cannot be built
/// (missing secret, bad endpoint) fails its delivery with a message naming the setting.
public struct PublishTargetFactory: Sendable {
    public let settings: Settings
    let secrets: Secrets
    /// Relative output paths (`storage.object_store.path`, `sql.sqlite_path`) resolve against it.
    public let dataDirectory: URL
    let now: @Sendable () -> Date
    let httpClient: HTTPClient
    let logger: Logger
    /// Where the console notifier writes.
    let console: @Sendable (String) -> Void
    /// The notification channels, in the order they are tried (`NotificationChannel.standard`).
    public let channels: [NotificationChannel]

    /// - Parameters:
    ///   - httpClient: shared client for S3, Azure and webhooks; its owner shuts it down (default: `pipelineShared`).
    ///   - console: receives console notifications (default: standard output).
    ///   - channels: the registered notification channels (add one to the table to add a channel).
    public init(settings: Settings, secrets: Secrets, dataDirectory: URL, now: @escaping @Sendable () -> Date, logger: Logger,
                httpClient: HTTPClient = PublishTargetFactory.pipelineShared, console: @escaping @Sendable (String) -> Void = { print($0) },
                channels: [NotificationChannel] = NotificationChannel.standard) {
        self.settings = settings
        self.secrets = secrets
        self.dataDirectory = dataDirectory
        self.now = now
        self.httpClient = httpClient
        self.logger = logger
        self.console = console
        self.channels = channels
    }

    /// A process-wide client that does not retry refused connections: a store or webhook that is
    /// down fails in milliseconds and the outbox, not the HTTP pool, decides about retrying.
    public static let pipelineShared: HTTPClient = {
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool.retryConnectionEstablishment = false
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }()

    /// Target keys enabled by the settings: data targets only when there are rows; notifiers
    /// only when `notify` (the caller applies `notifications.on_success` / `on_failure`) and
    /// `output.notify` and `notifications.enabled`; console when no other channel is enabled.
    public func enabledTargets(hasRows: Bool, notify: Bool) -> [String] {
        var names: [String] = []
        if hasRows, settings.output.writeObjectStore { names.append(PublishTargetName.objectStore) }
        if hasRows, settings.output.writeSQL, settings.sql.enabled { names.append(PublishTargetName.sql) }
        let notifications = settings.notifications
        if notify, settings.output.notify, notifications.enabled {
            let enabled = channels.filter { $0.isEnabled(settings) }.map(\.name)
            names += (enabled.isEmpty ? [NotificationChannel.console.name] : enabled).map(PublishTargetName.notify)
        }
        return names
    }

    /// Where a target would deliver, from the settings alone: nothing is opened, created or contacted (dry runs).
    public func destination(of name: String) -> String {
        let store = settings.storage.objectStore, sql = settings.sql
        switch name {
        case PublishTargetName.objectStore:
            switch store.kind {
            case .file: return "file://\(resolved(store.path).path)"
            case .s3: return "s3://\(store.bucket ?? "<bucket unset>")/\(store.path) at \(store.endpoint ?? "AWS \(store.region)")"
            case .azure: return "azure://\(store.account ?? "<account unset>")/\(store.container ?? "<container unset>")/\(store.path)"
            }
        case PublishTargetName.sql:
            switch sql.backend {
            case .sqlite: return "sqlite://\(resolved(sql.sqlitePath).path)#\(sql.table)"
            case .postgres: return "postgres ($\(sql.dsnEnv))#\(sql.schema).\(sql.table)"
            }
        default:
            return "\(name.dropFirst("notify:".count)) notification"
        }
    }

    public func target(named name: String) throws -> any PublishTarget {
        switch name {
        case PublishTargetName.objectStore:
            return PartitionTarget(publisher: try partitionPublisher())
        case PublishTargetName.sql:
            return SQLTableTarget(sink: try predictionSink())
        case let other where other.hasPrefix("notify:"):
            return NotifierTarget(notifier: try notifier(channel: String(other.dropFirst("notify:".count))))
        default:
            throw OutboxError(.delivery, "unknown publish target '\(name)'")
        }
    }

    /// The one place a SQL sink is chosen: SQLite under the data directory, or PostgreSQL from `sql.dsn_env`.
    public func predictionSink() throws -> any PredictionTableSink {
        let sql = settings.sql
        switch sql.backend {
        case .sqlite:
            return try SQLitePredictionSink(path: resolved(sql.sqlitePath), table: sql.table)
        case .postgres:
            let dsn = try secret(sql.dsnEnv, setting: "sql.dsn_env")
            return try PostgresPredictionSink(connection: try PostgresConnectionSettings(dsn: dsn, variable: sql.dsnEnv),
                                              schema: sql.schema, table: sql.table, logger: logger)
        }
    }

    /// The one place the partition publisher is assembled: data files under `storage.object_store.path`,
    /// manifests beside it under `<path>_manifests` (so the data tree holds only Parquet), the layout,
    /// the compression, and the per-partition lock in `<data-dir>/locks`.
    public func partitionPublisher() throws -> PartitionPublisher {
        let output = settings.output
        return PartitionPublisher(
            store: try objectStore(), manifests: try objectStore(path: Self.manifestsPath(settings.storage.objectStore.path)),
            layout: output.partitionLayout == .legacy ? .legacy : .hive, compression: output.compression == .snappy ? .snappy : .zstd,
            lock: PartitionLock(directory: dataDirectory.appendingPathComponent("locks")))
    }

    /// `predictions` → `predictions_manifests`; an empty path (the bucket root) → `_manifests`.
    public static func manifestsPath(_ path: String) -> String {
        let trimmed = path.hasSuffix("/") ? String(path.dropLast()) : path
        return trimmed + "_manifests"
    }

    public func objectStore() throws -> any ObjectStore { try objectStore(path: settings.storage.objectStore.path) }

    func objectStore(path: String) throws -> any ObjectStore {
        let store = settings.storage.objectStore
        switch store.kind {
        case .file:
            return FileObjectStore(root: resolved(path))
        case .s3:
            guard let bucket = store.bucket, !bucket.isEmpty else {
                throw OutboxError(.configuration, "storage.object_store.bucket is required for kind s3")
            }
            let endpoint = try url(store.endpoint ?? "https://s3.\(store.region).amazonaws.com", setting: "storage.object_store.endpoint")
            let credentials = SigV4Signer.Credentials(
                accessKeyID: try secret(store.accessKeyIdEnv, setting: "storage.object_store.access_key_id_env"),
                secretAccessKey: try secret(store.secretAccessKeyEnv, setting: "storage.object_store.secret_access_key_env"))
            let s3 = try S3ObjectStore(configuration: .init(endpoint: endpoint, bucket: bucket, region: store.region, credentials: credentials),
                                       httpClient: httpClient, logger: logger, now: now)
            return PrefixedObjectStore(base: s3, prefix: path)
        case .azure:
            guard let account = store.account, !account.isEmpty, let container = store.container, !container.isEmpty else {
                throw OutboxError(.configuration, "storage.object_store.account and .container are required for kind azure")
            }
            let key = try secret(store.azureAccountKeyEnv, setting: "storage.object_store.account_key_env")
            let azure = try AzureBlobObjectStore(
                configuration: .init(accountName: account, container: container, credential: .sharedKey(accountKey: key),
                                     endpoint: try store.endpoint.map { try url($0, setting: "storage.object_store.endpoint") }),
                httpClient: httpClient, logger: logger, now: now)
            return PrefixedObjectStore(base: azure, prefix: path)
        }
    }

    /// The notifiers enabled in settings (the run-notice channels), for alerts outside a run.
    /// Channels that cannot be built are returned by name with the error naming the setting to fix.
    public func enabledNotifiers() -> (notifiers: [any Notifier], unavailable: [String: String]) {
        var notifiers: [any Notifier] = []
        var unavailable: [String: String] = [:]
        for name in enabledTargets(hasRows: false, notify: true) {
            let channel = String(name.dropFirst("notify:".count))
            do { notifiers.append(try notifier(channel: channel)) } catch { unavailable[channel] = "\(error)" }
        }
        return (notifiers, unavailable)
    }

    public func notifier(channel name: String) throws -> any Notifier {
        guard let channel = (channels + [NotificationChannel.console]).first(where: { $0.name == name }) else {
            let known = (channels.map(\.name) + [NotificationChannel.console.name]).sorted().joined(separator: ", ")
            throw OutboxError(.configuration, "notification channel '\(name)' is not one of \(known)")
        }
        let notifications = settings.notifications
        let transport = WebhookTransport(
            httpClient: httpClient,
            configuration: .init(timeout: .milliseconds(Int64(notifications.timeoutSeconds * 1000)),
                                 retry: RetryPolicy(maxAttempts: notifications.maxRetries + 1)),
            logger: logger, now: now)
        return try channel.make(NotificationChannel.Context(settings: settings, transport: transport, logger: logger, now: now,
                                                            console: console,
                                                            secret: { variable, setting in try self.secret(variable, setting: setting) }))
    }

    /// A path relative to the data directory unless absolute.
    public func resolved(_ path: String) -> URL {
        dataDirectory.resolvingSettingPath(path)
    }

    func secret(_ variable: String, setting: String) throws -> String {
        guard let value = secrets.value(forEnvironmentVariable: variable) else {
            throw OutboxError(.configuration, "\(setting): the environment variable \(variable) is not set (or empty); set it or put it in .env")
        }
        return value.reveal()
    }

    func url(_ text: String, setting: String) throws -> URL {
        guard let url = URL(string: text), url.scheme != nil, url.host != nil else {
            throw OutboxError(.configuration, "\(setting) '\(text)' is not a URL such as https://s3.us-east-1.amazonaws.com")
        }
        return url
    }
}
