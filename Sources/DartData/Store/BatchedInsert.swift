import GRDB

/// A multi-row `INSERT INTO table (…) VALUES (…), (…), …` for keys known to be new: one SQLite
/// step per `rowsPerStatement` rows instead of one per row, which cuts SQLite's per-row cost by
/// about a third (statement reset and the write cursor's seek from the root are paid once per
/// batch). Large batches also amortise the statement journal, which copies the pages a
/// statement touches (two 16 KiB pages for about 18 KiB of new rows at 512 rows).
/// Bind a row's columns with `bind`, then call `endRow()`; `flush()` writes what is pending.
final class BatchedInsert {
    private enum Kind: UInt8 { case integer, real, text }

    private let db: Database
    private let table: String
    private let columns: [String]
    private let rowsPerStatement: Int
    private let full: SQLiteStatement
    /// Rows bound into `full` and not yet written.
    private var pendingRows = 0
    /// Pending values (bit patterns) and their kinds, kept so a partial batch can be re-bound into
    /// a shorter statement; raw buffers so the hot path does no reference counting.
    private let values: UnsafeMutablePointer<UInt64>
    private let kinds: UnsafeMutablePointer<Kind>
    /// TEXT values of pending rows, by parameter index (cold tables only).
    private var texts: [Int: String] = [:]

    init(_ db: Database, table: String, columns: [String], rowsPerStatement: Int = 512) throws(MarketStoreError) {
        self.db = db
        self.table = table
        self.columns = columns
        self.rowsPerStatement = rowsPerStatement
        full = try SQLiteStatement(db, Self.sql(table: table, columns: columns, rows: rowsPerStatement))
        values = .allocate(capacity: rowsPerStatement * columns.count + 1)
        kinds = .allocate(capacity: rowsPerStatement * columns.count + 1)
    }

    deinit {
        values.deallocate()
        kinds.deallocate()
    }

    /// Binds column `column` (1-based, in `columns` order) of the current row.
    @inline(__always) func bind(_ column: Int, _ value: Int64) {
        let parameter = pendingRows * columns.count + column
        full.bind(Int32(parameter), value)
        values[parameter] = UInt64(bitPattern: value)
        kinds[parameter] = .integer
    }

    /// Binds a REAL column of the current row; NaN binds NULL.
    @inline(__always) func bind(_ column: Int, _ value: Double) {
        let parameter = pendingRows * columns.count + column
        full.bind(Int32(parameter), value)
        values[parameter] = value.bitPattern
        kinds[parameter] = .real
    }

    /// Binds a TEXT column of the current row (copied by SQLite).
    func bind(_ column: Int, text: String) {
        let parameter = pendingRows * columns.count + column
        full.bind(Int32(parameter), text: text)
        texts[parameter] = text
        kinds[parameter] = .text
    }

    /// Finishes the current row; writes the batch when it is full.
    @inline(__always) func endRow() throws(MarketStoreError) {
        pendingRows += 1
        if pendingRows == rowsPerStatement {
            try full.run()
            pendingRows = 0
            if !texts.isEmpty { texts.removeAll(keepingCapacity: true) }
        }
    }

    /// Writes the pending rows (fewer than a full batch) with a statement sized for them.
    func flush() throws(MarketStoreError) {
        guard pendingRows > 0 else { return }
        let tail = try SQLiteStatement(db, Self.sql(table: table, columns: columns, rows: pendingRows))
        for parameter in 1...(pendingRows * columns.count) {
            switch kinds[parameter] {
            case .integer: tail.bind(Int32(parameter), Int64(bitPattern: values[parameter]))
            case .real: tail.bind(Int32(parameter), Double(bitPattern: values[parameter]))
            case .text: tail.bind(Int32(parameter), text: texts[parameter]!)
            }
        }
        try tail.run()
        pendingRows = 0
        texts.removeAll(keepingCapacity: true)
    }

    private static func sql(table: String, columns: [String], rows: Int) -> String {
        let row = "(" + Array(repeating: "?", count: columns.count).joined(separator: ",") + ")"
        return "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES "
            + Array(repeating: row, count: rows).joined(separator: ",")
    }
}
