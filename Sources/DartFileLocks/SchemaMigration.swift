import Foundation
import GRDB

extension DatabaseMigrator {
    /// Applies this migrator's pending migrations to `file` holding its schema lock
    /// (`FileLock.schemaLockURL`), so two processes creating one new file cannot both apply them.
    /// A file whose schema is already current costs one read and takes no lock.
    public func migrateUnderSchemaLock(_ writer: some DatabaseWriter, file: URL) throws {
        // On the writer connection: a pool's readers are read-only, and when the last connection
        // to close is read-only SQLite leaves the WAL un-checkpointed beside the file. The check
        // races with another process creating the file ("no such table: grdb_migrations"), so
        // any failure here only means "not known to be current": the locked path decides.
        if (try? writer.writeWithoutTransaction({ try hasCompletedMigrations($0) })) == true { return }
        try FileLock.withExclusive(at: FileLock.schemaLockURL(of: file)) { try migrate(writer) }
    }
}
