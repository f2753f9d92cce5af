import Foundation
import GRDB

/// Detects a damaged `market.sqlite` before anything reads it.
///
/// A clean close records the file's size and modification time in `market.sqlite.clean`
/// (one small JSON file, replaced atomically). Opening an existing store whose file no longer
/// matches that stamp (a crash after the last clean close, a restored or copied file, bytes
/// changed by anything but SQLite of a cleanly closed store) runs `PRAGMA quick_check` first;
/// `dartcast data status` always runs it. SQLite's own corruption errors met later get the same
/// explanation instead of the lock/disk-space hint.
enum StoreIntegrity {
    static let stampSuffix = ".clean"

    struct Stamp: Codable, Equatable {
        var size: UInt64
        var modifiedSeconds: Int
        var modifiedNanoseconds: Int
    }

    static func stamp(of path: String) -> Stamp? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return Stamp(size: UInt64(info.st_size), modifiedSeconds: info.st_mtim.tv_sec, modifiedNanoseconds: info.st_mtim.tv_nsec)
    }

    /// Whether the file is as the last clean close left it.
    static func isUnchangedSinceCleanClose(_ path: String) -> Bool {
        guard let data = FileManager.default.contents(atPath: path + stampSuffix),
              let recorded = try? JSONDecoder().decode(Stamp.self, from: data) else { return false }
        return recorded == stamp(of: path)
    }

    /// Records the file's current size and time; called after the store's connections closed.
    static func recordCleanClose(_ path: String) {
        guard let current = stamp(of: path), let data = try? JSONEncoder().encode(current) else { return }
        try? data.write(to: URL(fileURLWithPath: path + stampSuffix), options: .atomic)
    }

    /// Forgets the stamp (the next open checks the file).
    static func forgetCleanClose(_ path: String) {
        try? FileManager.default.removeItem(atPath: path + stampSuffix)
    }

    /// `PRAGMA quick_check`.
    /// - Throws: `MarketStoreError.corrupt` with SQLite's first findings.
    static func quickCheck(_ reader: some DatabaseReader, path: String) throws {
        let findings: [String]
        do {
            findings = try reader.read { db in try String.fetchAll(db, sql: "PRAGMA quick_check(20)") }
        } catch let error as DatabaseError where isCorruption(error) {
            throw corrupt(path: path, finding: "PRAGMA quick_check failed: " + (error.message ?? error.description))
        }
        guard findings != ["ok"] else { return }
        throw corrupt(path: path, finding: "PRAGMA quick_check found: " + findings.prefix(5).joined(separator: "; ") + (findings.count > 5 ? "; …" : ""))
    }

    static func isCorruption(_ error: DatabaseError) -> Bool {
        error.resultCode == .SQLITE_CORRUPT || error.resultCode == .SQLITE_NOTADB
    }

    /// A raw SQLite status (extended codes included) that means a damaged file.
    static func isCorruption(status: Int32) -> Bool {
        let primary = status & 0xff
        return primary == ResultCode.SQLITE_CORRUPT.rawValue || primary == ResultCode.SQLITE_NOTADB.rawValue
    }

    /// - Parameter finding: what showed it (`PRAGMA quick_check found: …`, `SQLite reported: …`).
    static func corrupt(path: String, finding: String) -> MarketStoreError {
        forgetCleanClose(path)
        let file = URL(fileURLWithPath: path).lastPathComponent
        return MarketStoreError(.corrupt, context: path,
            problem: "the market store file is damaged (\(finding))",
            fix: "stop every dartcast process using this data directory, then restore \(file) from a backup, or move it (with any \(file)-wal and \(file)-shm) away and re-ingest the source files (`dartcast ingest FILE…`, or drop them into inbox/); nothing was read from or written to the damaged file")
    }
}
