/// Market sources beside the inbox: PostgreSQL tables and ERCOT's Public Reports API. Default: none.
public struct SourceSettings: Hashable, Sendable {
    public var postgres: PostgresSourceSettings?
    public var ercot: ERCOTSourceSettings?

    public init(postgres: PostgresSourceSettings? = nil, ercot: ERCOTSourceSettings? = nil) {
        self.postgres = postgres
        self.ercot = ercot
    }

    public static let defaults = SourceSettings()
}

/// Table and column names of an existing database holding DAM, RT and forecast data.
public struct PostgresSourceSettings: Hashable, Sendable {
    /// What one row of the `rt` table holds.
    public enum RTResolution: String, Hashable, Sendable, CaseIterable {
        /// One 15-minute settlement point price per row (`delivery_interval` 1–4).
        case fifteenMinute = "15min"
        /// One hourly RT price per row (already the mean of the four intervals); `delivery_interval` is not read.
        case hourly
    }

    /// Environment variable with the DSN. Default `DARTCAST_SOURCE_DSN`.
    public var dsnEnv: String
    public var dam: SourceTableMapping?
    public var rt: SourceTableMapping?
    /// Default `15min`.
    public var rtResolution: RTResolution
    public var forecasts: SourceTableMapping?

    public init(dsnEnv: String = "DARTCAST_SOURCE_DSN", dam: SourceTableMapping? = nil,
                rt: SourceTableMapping? = nil, rtResolution: RTResolution = .fifteenMinute,
                forecasts: SourceTableMapping? = nil) {
        self.dsnEnv = dsnEnv
        self.dam = dam
        self.rt = rt
        self.rtResolution = rtResolution
        self.forecasts = forecasts
    }
}

/// One source table: its (optionally schema-qualified) name and the column holding each field.
public struct SourceTableMapping: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        case dam, rt, forecasts

        /// Fields dartcast reads; each defaults to a column of the same name.
        public var fields: [String] {
            switch self {
            case .dam: return ["delivery_date", "hour_ending", "dst_flag", "settlement_point", "price"]
            case .rt: return ["delivery_date", "delivery_hour", "delivery_interval", "dst_flag", "settlement_point", "price"]
            case .forecasts: return ["posted_at", "delivery_date", "hour_ending", "dst_flag",
                                     "wind_forecast_mw", "solar_forecast_mw", "load_forecast_mw"]
            }
        }
    }

    public var table: String
    /// Field → column, one entry for every field of the kind.
    public var columns: [String: String]

    public init(table: String, columns: [String: String]) {
        self.table = table
        self.columns = columns
    }
}
