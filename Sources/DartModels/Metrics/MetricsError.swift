/// Why forecast rows could not be scored.
public struct MetricsError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable {
        /// Two aligned arrays have different lengths.
        case lengthMismatch
        /// A prediction (P10/P50/P90 or a naive forecast) is NaN or infinite on a row with an actual.
        case nonFinitePrediction
    }

    public let code: Code
    /// The array at fault (`p50`, `p10`, `points`, `naive:naive_d1`, …).
    public let field: String
    /// The row at fault, when one row is to blame.
    public let row: Int?
    public let message: String

    public init(_ code: Code, field: String, row: Int? = nil, _ message: String) {
        self.code = code
        self.field = field
        self.row = row
        self.message = message
    }

    public var description: String { "metrics: \(message)" }
}
