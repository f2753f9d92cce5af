import DartCore
import DartFileLocks
import Foundation
import GRDB
import Logging

/// The market store: hourly DAM/RT prices, raw 15-minute RT prices and exogenous postings in an
/// embedded SQLite database (`<directory>/market.sqlite` unless `storage.market_store.sqlite_path`
/// names another file, WAL mode). All SQL lives behind this type.
public final class MarketStore: Sendable {
    /// The data directory (rejected rows go under it).
    public let directory: URL
    /// The store's SQLite file.
    public let databaseURL: URL
    /// The store's default SQLite file in a data directory, whether or not it exists yet.
    public static func databaseURL(in directory: URL) -> URL { directory.appendingPathComponent("market.sqlite") }
    let pool: DatabasePool
    let logger: Logger
    let now: @Sendable () -> Date
    let zone: MarketTimeZone

    /// Opens (creating when needed) the store in `directory`.
    /// - Parameters:
    ///   - databaseFile: the SQLite file; nil means `market.sqlite` in `directory`.
    ///   - logger: receives one line per ingested file.
    ///   - now: the clock stamped into `ingested_at`.
    ///   - lockWaitSeconds: how long a write waits for another process's write to finish.
    /// - Throws: `MarketStoreError.cannotOpen` when the directory or database cannot be created or migrated;
    ///   `MarketStoreError.corrupt` when the file is damaged (checked with `PRAGMA quick_check` when
    ///   it changed since the last clean close, `StoreIntegrity`).
    public init(directory: URL, databaseFile: URL? = nil, logger: Logger, now: @escaping @Sendable () -> Date = { Date() },
                zone: MarketTimeZone = .ercot, lockWaitSeconds: Double = 120) throws {
        self.directory = directory
        let databaseURL = databaseFile ?? Self.databaseURL(in: directory)
        self.databaseURL = databaseURL
        self.logger = logger
        self.now = now
        self.zone = zone
        let path = databaseURL.path
        let existed = FileManager.default.fileExists(atPath: path)
        let checkFirst = existed && !StoreIntegrity.isUnchangedSinceCleanClose(path)
        let pool: DatabasePool
        do {
            try FileManager.default.createDirectory(at: databaseURL.deletingLastPathComponent(), withIntermediateDirectories: true)
            var configuration = Configuration()
            // Runs, monitoring passes and `ingest` share this file: a writer waits for another
            // (an ingest of a large file can hold the lock for tens of seconds) instead of failing.
            configuration.busyMode = .timeout(lockWaitSeconds)
            configuration.prepareDatabase { db in
                // Takes effect only when the file is created (before WAL is set up): bigger pages
                // mean fewer B-tree splits and write calls for these append-mostly tables.
                try db.execute(sql: "PRAGMA page_size = 16384")
                // WAL makes NORMAL durable against application crashes; only power loss can lose the last commit.
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
                try db.execute(sql: "PRAGMA cache_size = -65536")
                // Multi-row INSERTs keep a statement journal (to undo a half-done statement); in
                // memory it is a copy, on disk it was thousands of small writes to a temp file.
                try db.execute(sql: "PRAGMA temp_store = MEMORY")
            }
            pool = try Self.openPool(path: path, configuration: configuration, waitSeconds: lockWaitSeconds)
            if checkFirst { try StoreIntegrity.quickCheck(pool, path: path) }
            try StoreSchema.migrator().migrateUnderSchemaLock(pool, file: URL(fileURLWithPath: path))
        } catch let error as MarketStoreError {
            throw error
        } catch let error as DatabaseError where StoreIntegrity.isCorruption(error) {
            throw StoreIntegrity.corrupt(path: path, finding: "SQLite reported: " + (error.message ?? error.description))
        } catch {
            throw MarketStoreError(.cannotOpen, context: path, problem: "cannot open the market store (\(error))",
                fix: "check that the data directory is writable and the file is a dartcast market store")
        }
        self.pool = pool
    }

    /// Opens the pool, waiting while another process holds the lock that switching to WAL needs (it
    /// does while it opens or closes the file: two `ingest`s started together collided here).
    private static func openPool(path: String, configuration: Configuration, waitSeconds: Double) throws -> DatabasePool {
        let deadline = Date().addingTimeInterval(waitSeconds)
        while true {
            do {
                return try DatabasePool(path: path, configuration: configuration)
            } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY && Date() < deadline {
                Thread.sleep(forTimeInterval: 0.05)
            }
        }
    }

    /// Closes the store; a clean close stamps the file so the next open can skip the integrity check.
    deinit {
        checkpointBeforeClose()
        guard (try? pool.close()) != nil else { return }
        StoreIntegrity.recordCleanClose(databaseURL.path)
    }

    /// Folds the WAL back into `market.sqlite` and empties it, so a copy of that file alone holds
    /// every row. SQLite does this when the last connection closes, but a pool's reader is read-only
    /// and cannot: a store read after its last write stayed whole in `market.sqlite-wal`. Never
    /// waits: beside another connection's write or older snapshot it folds back what it can (the
    /// last to close does the rest), so a command's exit or a server request is not held up.
    private func checkpointBeforeClose() {
        try? pool.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA busy_timeout = 0")
            try db.checkpoint(.truncate)
        }
    }

    /// Runs SQLite's `PRAGMA quick_check` on the whole file (`dartcast data status` does, every time).
    /// - Throws: `MarketStoreError.corrupt` naming the file, SQLite's findings and what to do.
    public func checkIntegrity() throws {
        try StoreIntegrity.quickCheck(pool, path: databaseURL.path)
    }

    /// Reads `file` (layout detected from its header; `.gz` accepted) and stores it in one
    /// transaction. Re-ingesting a file changes nothing; corrected values replace old ones.
    /// A file in key order (point, then time) is stored while it is being parsed, on a second
    /// thread; any other file is stored after parsing. Both give the same stored data.
    /// - Throws: `IngestError` for bad input (nothing from the file is stored),
    ///   `MarketStoreError` when the database fails.
    public func ingest(file: URL, options: IngestOptions = IngestOptions()) throws -> IngestReport {
        let clock = ContinuousClock()
        let started = clock.now
        let stream = RecordStream()
        let parsing = BackgroundParse.start(url: file, options: options, zone: zone, stream: stream)
        defer {
            stream.cancel()  // no-op after success; stops the parser when storing failed
            _ = parsing.wait()
        }
        let ingestedAt = Int64(now().timeIntervalSince1970.rounded(.down))
        let zone = self.zone
        var streamed = false
        let (parsed, stored) = try database("ingest \(file.lastPathComponent)") {
            try pool.write { db -> (ParsedFile, IngestReport) in
                // Format and digest are known only after parsing; the row is completed below.
                try db.execute(sql: "INSERT INTO ingest_file (name, format, sha256, ingested_at) VALUES (?, '', '', ?)",
                               arguments: [file.lastPathComponent, ingestedAt])
                let sourceID = db.lastInsertedRowID
                var writer: StoreWriter?
                try db.inSavepoint {
                    streamed = true
                    receiving: while let message = stream.receive() {
                        switch message {
                        case .abandoned:
                            streamed = false
                            break receiving
                        case .chunk(let chunk, let newNames):
                            if writer == nil { writer = try StoreWriter(db: db, sourceID: sourceID, kind: chunk.kind, zone: zone) }
                            try writer!.register(names: newNames)
                            try writer!.write(chunk, order: 0..<chunk.count)
                        }
                    }
                    return streamed ? .commit : .rollback
                }
                let parsed = try parsing.wait().get()
                if !streamed || writer == nil {
                    writer = try StoreWriter(db: db, sourceID: sourceID, kind: parsed.batch.kind, zone: zone)
                    streamed = false
                }
                // Names whose rows were all rejected still get a point (as the rejects name them).
                try writer!.register(names: parsed.batch.names[writer!.registeredNames...])
                if !streamed { try writer!.write(parsed.batch, order: parsed.order) }
                var report = IngestReport(file: parsed.file, format: parsed.format)
                report.rowsRead = parsed.rowsRead
                report.rejected = parsed.rejects.count
                report.duplicatesIgnored = parsed.duplicatesIgnored
                try writer!.finish(parsed, into: &report)
                try db.execute(sql: """
                    UPDATE ingest_file SET format = ?, sha256 = ?, rows_read = ?, inserted = ?, updated = ?, unchanged = ?,
                    rejected = ? WHERE id = ?
                    """, arguments: [parsed.format.rawValue, parsed.sha256, report.rowsRead, report.inserted, report.updated,
                                     report.unchanged, report.rejected, sourceID])
                return (parsed, report)
            }
        }
        var report = stored
        if !parsed.rejects.isEmpty {
            let path = options.rejectsPath ?? directory.appendingPathComponent("rejects/\(parsed.file).rejects.csv").path
            try RejectsWriter.append(parsed.rejects, file: parsed.file, to: path)
            report.rejectsPath = path
        }
        logger.info("ingested file", metadata: [
            "file": "\(parsed.file)", "format": "\(parsed.format.rawValue)", "rows": "\(report.rowsRead)",
            "inserted": "\(report.inserted)", "updated": "\(report.updated)", "unchanged": "\(report.unchanged)",
            "rejected": "\(report.rejected)", "streamed": "\(streamed)",
            "parse_seconds": "\(Self.seconds(parsing.duration))",
            "seconds": "\(Self.seconds(clock.now - started))",
        ])
        return report
    }

    private static func seconds(_ duration: Duration) -> String {
        let (whole, attoseconds) = duration.components
        return String(format: "%.3f", Double(whole) + Double(attoseconds) * 1e-18)
    }

    /// Stores records parsed elsewhere (a database source) in one transaction, logged in `ingest_file`.
    func store(_ parsed: ParsedFile) throws -> IngestReport {
        let ingestedAt = Int64(now().timeIntervalSince1970.rounded(.down))
        let zone = self.zone
        return try database("ingest \(parsed.file)") {
            try pool.write { db in
                try db.execute(sql: "INSERT INTO ingest_file (name, format, sha256, ingested_at) VALUES (?, ?, ?, ?)",
                               arguments: [parsed.file, parsed.format.rawValue, parsed.sha256, ingestedAt])
                let sourceID = db.lastInsertedRowID
                var writer = try StoreWriter(db: db, sourceID: sourceID, kind: parsed.batch.kind, zone: zone)
                try writer.register(names: parsed.batch.names[...])
                try writer.write(parsed.batch, order: parsed.order)
                var report = IngestReport(file: parsed.file, format: parsed.format)
                report.rowsRead = parsed.rowsRead
                report.rejected = parsed.rejects.count
                report.duplicatesIgnored = parsed.duplicatesIgnored
                try writer.finish(parsed, into: &report)
                try db.execute(sql: """
                    UPDATE ingest_file SET rows_read = ?, inserted = ?, updated = ?, unchanged = ?, rejected = ? WHERE id = ?
                    """, arguments: [report.rowsRead, report.inserted, report.updated, report.unchanged, report.rejected, sourceID])
                return report
            }
        }
    }

    /// Runs a database block, turning GRDB errors into `MarketStoreError`.
    func database<T>(_ operation: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DatabaseError where StoreIntegrity.isCorruption(error) {
            throw StoreIntegrity.corrupt(path: databaseURL.path, finding: "SQLite reported during \(operation): \(error.message ?? error.description)")
        } catch let error as DatabaseError {
            throw MarketStoreError(.sqlFailed, context: "\(databaseURL.path) (\(operation))", problem: error.description,
                fix: "check free disk space and that no other program holds a write lock on the store")
        }
    }
}
