import GRDB

/// The store's tables. All times are UTC seconds since 1970 (INTEGER); prices are $/MWh.
enum StoreSchema {
    static func migrator() -> DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE ingest_file (
                    id INTEGER PRIMARY KEY,
                    name TEXT NOT NULL,            -- file name as given
                    format TEXT NOT NULL,          -- FileFormat raw value
                    sha256 TEXT NOT NULL,          -- of the bytes on disk
                    ingested_at INTEGER NOT NULL,
                    rows_read INTEGER NOT NULL DEFAULT 0,
                    inserted INTEGER NOT NULL DEFAULT 0,
                    updated INTEGER NOT NULL DEFAULT 0,
                    unchanged INTEGER NOT NULL DEFAULT 0,
                    rejected INTEGER NOT NULL DEFAULT 0
                );
                CREATE TABLE settlement_point (
                    id INTEGER PRIMARY KEY,
                    name TEXT NOT NULL UNIQUE
                );
                -- One row per point and delivery hour. rtm is the mean of the hour's four 15-minute
                -- prices, NULL while fewer than four are known (rt_intervals counts them; an hourly
                -- source counts as 4). The label columns are ERCOT's view of the same hour.
                CREATE TABLE hourly_price (
                    point_id INTEGER NOT NULL,
                    utc_start INTEGER NOT NULL,
                    dam REAL,
                    rtm REAL,
                    rt_intervals INTEGER NOT NULL DEFAULT 0,
                    operating_day TEXT NOT NULL,
                    hour_ending INTEGER NOT NULL,
                    dst_flag TEXT NOT NULL,
                    source_id INTEGER NOT NULL,
                    ingested_at INTEGER NOT NULL,
                    PRIMARY KEY (point_id, utc_start)
                ) WITHOUT ROWID;
                -- Raw 15-minute RT prices, so intervals of one hour from different files combine.
                CREATE TABLE rt_interval (
                    point_id INTEGER NOT NULL,
                    interval_start INTEGER NOT NULL,
                    price REAL NOT NULL,
                    source_id INTEGER NOT NULL,
                    ingested_at INTEGER NOT NULL,
                    PRIMARY KEY (point_id, interval_start)
                ) WITHOUT ROWID;
                CREATE TABLE exogenous_series (
                    id INTEGER PRIMARY KEY,
                    name TEXT NOT NULL UNIQUE
                );
                -- A value for a target hour as posted at posted_at (for actuals: when it became known).
                CREATE TABLE exogenous_value (
                    series_id INTEGER NOT NULL,
                    target_utc INTEGER NOT NULL,
                    posted_at INTEGER NOT NULL,
                    value REAL NOT NULL,
                    source_id INTEGER NOT NULL,
                    ingested_at INTEGER NOT NULL,
                    PRIMARY KEY (series_id, target_utc, posted_at)
                ) WITHOUT ROWID;
                """)
        }
        return migrator
    }

    /// Data tables with their key columns, for digests and counts.
    static let dataTables: [(name: String, key: String)] = [
        ("settlement_point", "id"),
        ("hourly_price", "point_id, utc_start"),
        ("rt_interval", "point_id, interval_start"),
        ("exogenous_series", "id"),
        ("exogenous_value", "series_id, target_utc, posted_at"),
    ]
}
