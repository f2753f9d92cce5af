/// What a prediction run publishes, and in which shape.
public struct OutputSettings: Hashable, Sendable {
    public enum PartitionLayout: String, Hashable, Sendable, CaseIterable {
        /// `product=…/delivery_date=YYYY-MM-DD/part-….parquet`.
        case hive
        /// The replaced system's `YYYY/MM/DD/HH/`, keyed by the forecast's delivery hour (not the run time).
        case legacy
    }

    public enum Compression: String, Hashable, Sendable, CaseIterable {
        case zstd
        case snappy
    }

    /// Default `hive`.
    public var partitionLayout: PartitionLayout
    /// Parquet compression. Default `zstd`.
    public var compression: Compression
    /// Also write the feature frame each forecast was made from (for audits). Default false.
    public var writeFeatureFrames: Bool
    /// Publish Parquet to `storage.object_store`. Default true.
    public var writeObjectStore: Bool
    /// Upsert forecasts into the `sql` table (needs `sql.enabled`). Default false.
    public var writeSQL: Bool
    /// Send run notifications (needs `notifications.enabled`). Default false.
    public var notify: Bool

    public init(partitionLayout: PartitionLayout = .hive, compression: Compression = .zstd,
                writeFeatureFrames: Bool = false, writeObjectStore: Bool = true,
                writeSQL: Bool = false, notify: Bool = false) {
        self.partitionLayout = partitionLayout
        self.compression = compression
        self.writeFeatureFrames = writeFeatureFrames
        self.writeObjectStore = writeObjectStore
        self.writeSQL = writeSQL
        self.notify = notify
    }

    public static let defaults = OutputSettings()
}
