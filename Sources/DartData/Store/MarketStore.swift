import DartCore
import Foundation
import GRDB
import Logging

/// The market store: hourly DAM/RT prices, raw 15-minute RT prices and exogenous postings in an
/// embedded SQLite database (`<directory>/market.sqlite`, WAL mode). All SQL lives behind this
/// type so another backend (PostgreSQL) can replace it.
public final class MarketStore: Sendable {
    public let directory: URL
    public var databaseURL: URL { directory.appendingPathComponent("market.sqlite") }
    let pool: DatabasePool
    let logger: Logger
    let now: @Sendable () -> Date
    let zone: MarketTimeZone

    /// Opens (creating when needed) the store in `directory`.
    /// - Parameters:
    ///   - logger: receives one line per ingested file.
    ///   - now: the clock stamped into `ingested_at`.
    /// - Throws: `MarketStoreError.cannotOpen` when the directory or database cannot be created or migrated.
    public init(directory: URL, logger: Logger, now: @escaping @Sendable () -> Date = { Date() },
                zone: MarketTimeZone = .ercot) throws {
        self.directory = directory
        self.logger = logger
        self.now = now
        self.zone = zone
        let path = directory.appendingPathComponent("market.sqlite").path
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            var configuration = Configuration()
            configuration.prepareDatabase { db in
                // Takes effect only when the file is created (before WAL is set up): bigger pages
                // mean fewer B-tree splits and write calls for these append-mostly tables.
                try db.execute(sql: "PRAGMA page_size = 16384")
                // WAL makes NORMAL durable against application crashes; only power loss can lose the last commit.
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
                try db.execute(sql: "PRAGMA cache_size = -65536")
            }
            pool = try DatabasePool(path: path, configuration: configuration)
            try StoreSchema.migrator().migrate(pool)
        } catch {
            throw MarketStoreError(.cannotOpen, context: path, problem: "cannot open the market store (\(error))",
                fix: "check that the data directory is writable and the file is a dartcast market store")
        }
    }

    /// Reads `file` (layout detected from its header; `.gz` accepted) and stores it in one
    /// transaction. Re-ingesting a file changes nothing; corrected values replace old ones.
    /// - Throws: `IngestError` for bad input (nothing from the file is stored),
    ///   `MarketStoreError` when the database fails.
    public func ingest(file: URL, options: IngestOptions = IngestOptions()) throws -> IngestReport {
        let started = Date()
        let parsed = try ParsedFile.read(url: file, options: options, zone: zone)
        let parsedAt = Date()
        var report = try store(parsed)
        if !parsed.rejects.isEmpty {
            let path = options.rejectsPath ?? directory.appendingPathComponent("rejects/\(parsed.file).rejects.csv").path
            try RejectsWriter.append(parsed.rejects, file: parsed.file, to: path)
            report.rejectsPath = path
        }
        logger.info("ingested file", metadata: [
            "file": "\(parsed.file)", "format": "\(parsed.format.rawValue)", "rows": "\(report.rowsRead)",
            "inserted": "\(report.inserted)", "updated": "\(report.updated)", "unchanged": "\(report.unchanged)",
            "rejected": "\(report.rejected)",
            "parse_seconds": "\(String(format: "%.3f", parsedAt.timeIntervalSince(started)))",
            "store_seconds": "\(String(format: "%.3f", Date().timeIntervalSince(parsedAt)))",
        ])
        return report
    }

    /// Stores parsed records in one transaction, logged in `ingest_file` under the parsed name.
    func store(_ parsed: ParsedFile) throws -> IngestReport {
        let ingestedAt = Int64(now().timeIntervalSince1970.rounded(.down))
        var report = IngestReport(file: parsed.file, format: parsed.format)
        report.rowsRead = parsed.rowsRead
        report.rejected = parsed.rejects.count
        report.duplicatesIgnored = parsed.duplicatesIgnored
        let zone = self.zone
        return try database("ingest \(parsed.file)") {
            try pool.write { db in
                try db.execute(sql: "INSERT INTO ingest_file (name, format, sha256, ingested_at) VALUES (?, ?, ?, ?)",
                               arguments: [parsed.file, parsed.format.rawValue, parsed.sha256, ingestedAt])
                let sourceID = db.lastInsertedRowID
                var result = report
                try StoreWriter(db: db, sourceID: sourceID, ingestedAt: ingestedAt, zone: zone).write(parsed, into: &result)
                try db.execute(sql: """
                    UPDATE ingest_file SET rows_read = ?, inserted = ?, updated = ?, unchanged = ?, rejected = ? WHERE id = ?
                    """, arguments: [result.rowsRead, result.inserted, result.updated, result.unchanged, result.rejected, sourceID])
                return result
            }
        }
    }

    /// Runs a database block, turning GRDB errors into `MarketStoreError`.
    func database<T>(_ operation: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DatabaseError {
            throw MarketStoreError(.sqlFailed, context: "\(databaseURL.path) (\(operation))", problem: error.description,
                fix: "check free disk space and that no other program holds a write lock on the store")
        }
    }
}
