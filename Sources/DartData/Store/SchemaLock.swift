import Foundation
import GRDB
#if canImport(Glibc)
import Glibc
#endif

/// Migrates a store's schema holding an exclusive `flock` on `<lock directory>/<name>.lock`.
/// GRDB's migrator reads which migrations are applied outside the transaction that applies them,
/// so two processes opening a new store at once (two `dartcast ingest`s) both ran "v1" and the
/// second failed with "table ingest_file already exists". The kernel drops the lock if the holder dies.
enum SchemaLock {
    static func migrate(_ migrator: DatabaseMigrator, _ writer: any DatabaseWriter, lockDirectory: URL, name: String) throws {
        try FileManager.default.createDirectory(at: lockDirectory, withIntermediateDirectories: true)
        let path = lockDirectory.appendingPathComponent(name + ".lock").path
        let descriptor = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw MarketStoreError(.cannotOpen, context: path, problem: "cannot open the schema lock: \(String(cString: strerror(errno)))",
                                   fix: "check that the data directory is writable")
        }
        defer { close(descriptor) }
        while flock(descriptor, LOCK_EX) != 0 {
            guard errno == EINTR else {
                throw MarketStoreError(.cannotOpen, context: path, problem: "cannot lock the schema lock: \(String(cString: strerror(errno)))",
                                       fix: "check that the data directory is on a file system that supports flock")
            }
        }
        defer { flock(descriptor, LOCK_UN) }
        try migrator.migrate(writer)
    }
}
