import DartFileLocks
import Foundation
import GRDB

/// How far each source table has been ingested, per settlement point (or `*` for a table
/// without points), in `<data-dir>/sources.sqlite`. The next read asks only for rows at or
/// after the watermark hour; re-reading that one hour lets late 15-minute intervals complete it.
public final class SourceWatermarks: @unchecked Sendable {
    public struct Mark: Hashable, Sendable {
        /// Operating day `YYYY-MM-DD` and hour ending of the latest ingested hour.
        public var operatingDay: String
        public var hourEnding: Int
        /// That hour's start (prices) or the latest posting time (forecasts), UTC seconds.
        public var utc: Int64

        public init(operatingDay: String, hourEnding: Int, utc: Int64) {
            self.operatingDay = operatingDay
            self.hourEnding = hourEnding
            self.utc = utc
        }
    }

    private let queue: DatabaseQueue
    public static let fileName = "sources.sqlite"

    public init(directory: URL) throws {
        queue = try SharedSQLiteFile.open(directory: directory, file: Self.fileName)
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE source_watermark (
                    source TEXT NOT NULL,
                    key TEXT NOT NULL,
                    operating_day TEXT NOT NULL,
                    hour_ending INTEGER NOT NULL,
                    utc INTEGER NOT NULL,
                    PRIMARY KEY (source, key)
                )
                """)
        }
        try migrator.migrateUnderSchemaLock(queue, file: directory.appendingPathComponent(Self.fileName))
    }

    /// Marks of one source (e.g. `dam:ercot.dam_spp`), by key.
    public func marks(source: String) throws -> [String: Mark] {
        try queue.read { db in
            var marks: [String: Mark] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT key, operating_day, hour_ending, utc FROM source_watermark WHERE source = ?",
                                        arguments: [source]) {
                marks[row["key"]] = Mark(operatingDay: row["operating_day"], hourEnding: row["hour_ending"], utc: row["utc"])
            }
            return marks
        }
    }

    /// Moves marks forward (never back) in one transaction.
    public func advance(source: String, to marks: [String: Mark]) throws {
        try queue.write { db in
            let statement = try db.makeStatement(sql: """
                INSERT INTO source_watermark (source, key, operating_day, hour_ending, utc) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (source, key) DO UPDATE SET operating_day = excluded.operating_day,
                    hour_ending = excluded.hour_ending, utc = excluded.utc
                WHERE excluded.utc > source_watermark.utc
                """)
            for (key, mark) in marks {
                try statement.execute(arguments: [source, key, mark.operatingDay, mark.hourEnding, mark.utc])
            }
        }
    }
}
