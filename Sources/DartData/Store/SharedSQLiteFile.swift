import Foundation
import GRDB

/// The small SQLite files beside the market store (runs, source watermarks).
public enum SharedSQLiteFile {
    /// A small SQLite file in `directory` shared by the scheduler, commands and the server:
    /// writers wait up to 10 s for each other instead of failing.
    public static func open(directory: URL, file: String) throws -> DatabaseQueue {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        // A run saves its record after every step change: in WAL with NORMAL sync a commit is a
        // write, not three fsyncs (journal, folder, file), and readers never block the run.
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA journal_mode = WAL")
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        return try DatabaseQueue(path: directory.appendingPathComponent(file).path, configuration: configuration)
    }

}
