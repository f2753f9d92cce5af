import GRDB

/// A multi-row `INSERT INTO table (…) VALUES (…), (…), …` for keys known to be new: one SQLite
/// step per `rowsPerStatement` rows instead of one per row, which roughly halves SQLite's
/// per-row cost (statement reset and a B-tree seek from the root are paid once per batch).
/// Bind a row's columns with `bind`, then call `endRow()`; `flush()` writes what is pending.
final class BatchedInsert {
    private let db: Database
    private let table: String
    private let columns: [String]
    private let rowsPerStatement: Int
    private let full: SQLiteStatement
    /// Rows bound into `full` and not yet written.
    private var pendingRows = 0
    /// Values of pending rows, kept so a partial batch can be re-bound into a shorter statement.
    private var pendingValues: [PendingValue] = []

    private enum PendingValue {
        case integer(Int64)
        case real(Double)
        case text(String)
    }

    init(_ db: Database, table: String, columns: [String], rowsPerStatement: Int = 64) throws(MarketStoreError) {
        self.db = db
        self.table = table
        self.columns = columns
        self.rowsPerStatement = rowsPerStatement
        full = try SQLiteStatement(db, Self.sql(table: table, columns: columns, rows: rowsPerStatement))
        pendingValues.reserveCapacity(rowsPerStatement * columns.count)
    }

    /// Binds column `column` (1-based, in `columns` order) of the current row.
    @inline(__always) func bind(_ column: Int, _ value: Int64) {
        full.bind(Int32(pendingRows * columns.count + column), value)
        pendingValues.append(.integer(value))
    }

    /// Binds a REAL column of the current row; NaN binds NULL.
    @inline(__always) func bind(_ column: Int, _ value: Double) {
        full.bind(Int32(pendingRows * columns.count + column), value)
        pendingValues.append(.real(value))
    }

    /// Binds a TEXT column of the current row (copied by SQLite; for the cold label table).
    func bind(_ column: Int, text: String) {
        full.bind(Int32(pendingRows * columns.count + column), text: text)
        pendingValues.append(.text(text))
    }

    /// Finishes the current row; writes the batch when it is full.
    @inline(__always) func endRow() throws(MarketStoreError) {
        pendingRows += 1
        if pendingRows == rowsPerStatement {
            try full.run()
            pendingRows = 0
            pendingValues.removeAll(keepingCapacity: true)
        }
    }

    /// Writes the pending rows (fewer than a full batch) with a statement sized for them.
    func flush() throws(MarketStoreError) {
        guard pendingRows > 0 else { return }
        let tail = try SQLiteStatement(db, Self.sql(table: table, columns: columns, rows: pendingRows))
        for (offset, value) in pendingValues.enumerated() {
            switch value {
            case .integer(let integer): tail.bind(Int32(offset + 1), integer)
            case .real(let real): tail.bind(Int32(offset + 1), real)
            case .text(let text): tail.bind(Int32(offset + 1), text: text)
            }
        }
        try tail.run()
        full.clearBindings()
        pendingRows = 0
        pendingValues.removeAll(keepingCapacity: true)
    }

    private static func sql(table: String, columns: [String], rows: Int) -> String {
        let row = "(" + Array(repeating: "?", count: columns.count).joined(separator: ",") + ")"
        return "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES "
            + Array(repeating: row, count: rows).joined(separator: ",")
    }
}
