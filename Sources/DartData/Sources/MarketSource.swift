import Foundation

/// Where new market data comes from: the inbox folder, a PostgreSQL database, … A run asks each
/// registered source in turn to store what is new; one source failing never stops the others.
public protocol MarketSource: Sendable {
    /// Short name used in step details and errors (`inbox`, `postgres`).
    var name: String { get }

    /// Stores what is new since the last call. Re-running stores nothing twice (the store upserts).
    /// - Throws: when the source cannot be read at all (unreachable, not configured); problems with
    ///   single files or rows are reported in `MarketSourceReport.problems` instead.
    func fetch(into store: MarketStore) async throws -> MarketSourceReport
}

/// What one source gave in one run.
public struct MarketSourceReport: Sendable, Hashable {
    public var rowsRead: Int
    /// Rows inserted or updated.
    public var rowsStored: Int
    /// Step details, keyed without the source name (`files`, `dam_rows_read`).
    public var detail: [String: String]
    /// Problems that did not stop the source (a rejected file), for the run record.
    public var problems: [String]

    public init(rowsRead: Int = 0, rowsStored: Int = 0, detail: [String: String] = [:], problems: [String] = []) {
        self.rowsRead = rowsRead
        self.rowsStored = rowsStored
        self.detail = detail
        self.problems = problems
    }
}
