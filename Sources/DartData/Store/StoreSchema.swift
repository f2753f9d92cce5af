import GRDB

/// The store's tables. All times are UTC seconds since 1970 (INTEGER); prices are $/MWh.
/// Rows stay narrow because ingest speed is bounded by SQLite's per-row cost: provenance is one
/// integer (`source_id` → `ingest_file`, which holds the name and `ingested_at`), and the ERCOT
/// label of an hour is stored once per hour in `market_hour`, not once per point-hour.
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
                -- ERCOT's label of every delivery hour between the first and last hour the store
                -- has prices for (shared by all points).
                CREATE TABLE market_hour (
                    utc_start INTEGER PRIMARY KEY,
                    operating_day TEXT NOT NULL,   -- YYYY-MM-DD
                    hour_ending INTEGER NOT NULL,  -- 1…24
                    dst_flag TEXT NOT NULL         -- Y on the second (CST) copy of the fall-back hour
                );
                -- One row per point and delivery hour. rtm is the mean of the hour's four 15-minute
                -- prices, NULL while fewer than four are known (rt_intervals counts them; an hourly
                -- source counts as 4). source_id is the file that last changed the row.
                CREATE TABLE hourly_price (
                    point_id INTEGER NOT NULL,
                    utc_start INTEGER NOT NULL,
                    dam REAL,
                    rtm REAL,
                    rt_intervals INTEGER NOT NULL DEFAULT 0,
                    source_id INTEGER NOT NULL,
                    PRIMARY KEY (point_id, utc_start)
                ) WITHOUT ROWID;
                -- Raw 15-minute RT prices, so intervals of one hour from different files combine.
                CREATE TABLE rt_interval (
                    point_id INTEGER NOT NULL,
                    interval_start INTEGER NOT NULL,
                    price REAL NOT NULL,
                    source_id INTEGER NOT NULL,
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
                    PRIMARY KEY (series_id, target_utc, posted_at)
                ) WITHOUT ROWID;
                -- Hourly prices as people read them: point name, ERCOT label, source file and time.
                CREATE VIEW hourly_price_labelled AS
                SELECT p.name AS settlement_point, h.utc_start, m.operating_day, m.hour_ending, m.dst_flag,
                       h.dam, h.rtm, h.rt_intervals, f.name AS source_file, f.ingested_at
                FROM hourly_price h
                JOIN settlement_point p ON p.id = h.point_id
                JOIN market_hour m ON m.utc_start = h.utc_start
                JOIN ingest_file f ON f.id = h.source_id;
                """)
        }
        return migrator
    }

    /// Data tables with their key columns, for digests and counts.
    static let dataTables: [(name: String, key: String)] = [
        ("settlement_point", "id"),
        ("market_hour", "utc_start"),
        ("hourly_price", "point_id, utc_start"),
        ("rt_interval", "point_id, interval_start"),
        ("exogenous_series", "id"),
        ("exogenous_value", "series_id, target_utc, posted_at"),
    ]
}
