/// Where dartcast keeps its data and publishes its outputs.
public struct StorageSettings: Hashable, Sendable {
    /// Root of the market store, registry, run records and file outputs. Default `dartcast-data`.
    public var dataDir: String
    public var marketStore: MarketStoreSettings
    public var objectStore: ObjectStoreSettings

    public init(dataDir: String = "dartcast-data", marketStore: MarketStoreSettings = .defaults,
                objectStore: ObjectStoreSettings = .defaults) {
        self.dataDir = dataDir
        self.marketStore = marketStore
        self.objectStore = objectStore
    }

    public static let defaults = StorageSettings()
}

/// SQL backends dartcast can write to.
public enum SQLBackend: String, Hashable, Sendable, CaseIterable {
    /// A file under the data directory (embedded, the default).
    case sqlite
    /// A server; the DSN comes from an environment variable.
    case postgres
}

/// The market store: prices and forecasts as ingested, in an embedded SQLite file. PostgreSQL
/// is read as a market source (`sources.postgres`) and written as a publish target (`sql`), not
/// used as the store itself (docs/configuration.md § storage).
public struct MarketStoreSettings: Hashable, Sendable {
    /// SQLite file, relative to `storage.data_dir` unless absolute. Default `market.sqlite`.
    public var sqlitePath: String

    public init(sqlitePath: String = "market.sqlite") {
        self.sqlitePath = sqlitePath
    }

    public static let defaults = MarketStoreSettings()
}

/// Where forecast Parquet files go.
public struct ObjectStoreSettings: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        /// A local directory.
        case file
        /// S3 or an S3-compatible server (SigV4).
        case s3
        /// Azure Blob Storage (SharedKey).
        case azure
    }

    public var kind: Kind
    /// `file`: directory (relative to `storage.data_dir` unless absolute); `s3`/`azure`: key prefix. Default `predictions`.
    public var path: String
    /// S3 bucket; required for `s3`.
    public var bucket: String?
    /// Service URL; `nil` means the provider's public endpoint.
    public var endpoint: String?
    /// S3 region. Default `us-east-1`.
    public var region: String
    /// Azure storage account; required for `azure`.
    public var account: String?
    /// Azure container; required for `azure`.
    public var container: String?
    public var accessKeyIdEnv: String
    public var secretAccessKeyEnv: String
    public var azureAccountKeyEnv: String

    public init(kind: Kind = .file, path: String = "predictions", bucket: String? = nil, endpoint: String? = nil,
                region: String = "us-east-1", account: String? = nil, container: String? = nil,
                accessKeyIdEnv: String = "DARTCAST_S3_ACCESS_KEY_ID",
                secretAccessKeyEnv: String = "DARTCAST_S3_SECRET_ACCESS_KEY",
                azureAccountKeyEnv: String = "DARTCAST_AZURE_STORAGE_KEY") {
        self.kind = kind
        self.path = path
        self.bucket = bucket
        self.endpoint = endpoint
        self.region = region
        self.account = account
        self.container = container
        self.accessKeyIdEnv = accessKeyIdEnv
        self.secretAccessKeyEnv = secretAccessKeyEnv
        self.azureAccountKeyEnv = azureAccountKeyEnv
    }

    public static let defaults = ObjectStoreSettings()
}
