/// The forecasts table. Rows are upserted on their key, so re-runs never duplicate them.
public struct SQLSettings: Hashable, Sendable {
    /// Default false.
    public var enabled: Bool
    /// Default `sqlite`.
    public var backend: SQLBackend
    /// Default `ercot`.
    public var schema: String
    /// Default `predictions_dart_spread`.
    public var table: String
    /// SQLite file, relative to `storage.data_dir` unless absolute. Default `predictions.sqlite`.
    public var sqlitePath: String
    /// Environment variable with the PostgreSQL DSN. Default `DARTCAST_SQL_DSN`.
    public var dsnEnv: String

    public init(enabled: Bool = false, backend: SQLBackend = .sqlite, schema: String = "ercot",
                table: String = "predictions_dart_spread", sqlitePath: String = "predictions.sqlite",
                dsnEnv: String = "DARTCAST_SQL_DSN") {
        self.enabled = enabled
        self.backend = backend
        self.schema = schema
        self.table = table
        self.sqlitePath = sqlitePath
        self.dsnEnv = dsnEnv
    }

    public static let defaults = SQLSettings()
}
