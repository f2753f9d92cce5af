/// A failure of the market store itself (opening, schema, SQL), as opposed to bad input.
public struct MarketStoreError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable {
        case cannotOpen
        case sqlFailed
        case unknownPoint
        /// The store file is damaged (SQLite's quick_check or a corruption error); restore or re-ingest.
        case corrupt
    }

    public let code: Code
    /// The store file or the operation that failed.
    public let context: String
    public let problem: String
    public let fix: String

    public init(_ code: Code, context: String, problem: String, fix: String) {
        self.code = code
        self.context = context
        self.problem = problem
        self.fix = fix
    }

    public var description: String { "\(context): \(problem). Fix: \(fix)." }
}
