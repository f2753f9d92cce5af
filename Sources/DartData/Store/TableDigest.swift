import Crypto
import Foundation
import GRDB

/// Row count and content hash of one store table.
public struct TableDigest: Sendable, Hashable, CustomStringConvertible {
    public let table: String
    public let rowCount: Int
    /// SHA-256 (hex) over every row in key order.
    public let sha256: String

    public var description: String { "\(table): \(rowCount) rows, sha256 \(sha256.prefix(16))…" }

    static func compute(db: Database, table: String, key: String) throws -> TableDigest {
        var hasher = SHA256()
        var count = 0
        let rows = try Row.fetchCursor(db, sql: "SELECT * FROM \(table) ORDER BY \(key)")
        while let row = try rows.next() {
            count += 1
            for value in row.databaseValues {
                hasher.update(data: Data("\(value)\u{1f}".utf8))
            }
            hasher.update(data: Data([0x1e]))
        }
        let hex = hasher.finalize().map { String(format: "%02x", $0) }.joined()
        return TableDigest(table: table, rowCount: count, sha256: hex)
    }
}
