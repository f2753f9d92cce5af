import GRDB
import GRDBSQLite

/// A prepared statement on the raw SQLite handle of a GRDB connection, for the hot loops
/// (bulk upserts and columnar reads) where per-row `StatementArguments` would allocate.
/// Use only inside the GRDB access block that provided `db`.
final class SQLiteStatement {
    private let handle: OpaquePointer
    private let connection: OpaquePointer
    private let sql: String

    init(_ db: Database, _ sql: String) throws(MarketStoreError) {
        guard let connection = db.sqliteConnection else {
            throw MarketStoreError(.sqlFailed, context: sql, problem: "the database connection is closed", fix: "reopen the store")
        }
        var statement: OpaquePointer?
        let status = sqlite3_prepare_v2(connection, sql, -1, &statement, nil)
        guard status == SQLITE_OK, let statement else {
            throw MarketStoreError(.sqlFailed, context: sql, problem: String(cString: sqlite3_errmsg(connection)),
                fix: "this is a bug in dartcast; report it with the store's schema version")
        }
        self.handle = statement
        self.connection = connection
        self.sql = sql
    }

    deinit { sqlite3_finalize(handle) }

    @inline(__always) func bind(_ index: Int32, _ value: Int64) { sqlite3_bind_int64(handle, index, value) }

    /// Binds a double, or NULL when it is NaN.
    @inline(__always) func bind(_ index: Int32, _ value: Double) {
        if value.isNaN { sqlite3_bind_null(handle, index) } else { sqlite3_bind_double(handle, index, value) }
    }

    @inline(__always) func bind(_ index: Int32, text: String) {
        sqlite3_bind_text(handle, index, text, -1, sqliteTransient)
    }


    /// Runs a statement that returns no rows, then resets it for the next bindings.
    @inline(__always) func run() throws(MarketStoreError) {
        let status = sqlite3_step(handle)
        sqlite3_reset(handle)
        guard status == SQLITE_DONE else { throw failure(status) }
    }

    /// Steps to the next row; false when done (the statement is then reset).
    @inline(__always) func next() throws(MarketStoreError) -> Bool {
        let status = sqlite3_step(handle)
        if status == SQLITE_ROW { return true }
        sqlite3_reset(handle)
        guard status == SQLITE_DONE else { throw failure(status) }
        return false
    }

    @inline(__always) func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }

    /// A REAL column, NaN for NULL.
    @inline(__always) func double(_ column: Int32) -> Double {
        sqlite3_column_type(handle, column) == SQLITE_NULL ? .nan : sqlite3_column_double(handle, column)
    }

    func text(_ column: Int32) -> String {
        guard let pointer = sqlite3_column_text(handle, column) else { return "" }
        return String(cString: pointer)
    }

    private func failure(_ status: Int32) -> MarketStoreError {
        if StoreIntegrity.isCorruption(status: status), let file = sqlite3_db_filename(connection, "main") {
            return StoreIntegrity.corrupt(path: String(cString: file), finding: "SQLite reported: " + String(cString: sqlite3_errmsg(connection)))
        }
        return MarketStoreError(.sqlFailed, context: sql, problem: "\(String(cString: sqlite3_errmsg(connection))) (SQLite \(status))",
            fix: "check free disk space and that no other program holds a write lock on the store")
    }
}

private let sqliteTransient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
