/// Why a file could not be ingested. Carries the file, line, column and value so the message
/// points at the exact cell to fix. Nothing from the file is stored when this is thrown.
public struct IngestError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable {
        case unreadableFile
        case unknownHeader
        case missingColumn
        case unparsableNumber
        case priceOutOfRange
        case invalidDate
        case invalidHourLabel
        case invalidInterval
        case invalidPointName
        case timestampMismatch
        case dartMismatch
        case invalidPostingTime
        case conflictingDuplicate
        case emptyFile
        case rejectsNotWritable
    }

    public let code: Code
    /// File name (last path component).
    public let file: String
    /// 1-based line number in the file, when the problem is in a row.
    public let line: Int?
    public let column: String?
    public let value: String?
    /// What is wrong.
    public let problem: String
    /// What to do about it.
    public let fix: String

    public init(_ code: Code, file: String, line: Int? = nil, column: String? = nil, value: String? = nil,
                problem: String, fix: String) {
        self.code = code
        self.file = file
        self.line = line
        self.column = column
        self.value = value
        self.problem = problem
        self.fix = fix
    }

    /// `dart.csv line 12, column 'dam_price', value 'abc': not a number. Fix: …`
    public var description: String {
        var text = file
        if let line { text += " line \(line)" }
        if let column { text += ", column '\(column)'" }
        if let value { text += ", value '\(value)'" }
        return text + ": \(problem). Fix: \(fix)."
    }
}

/// A problem found in one row, before the file and line are attached.
struct RowProblem: Error {
    let code: IngestError.Code
    let column: String
    let value: String
    let problem: String
    let fix: String

    func located(file: String, line: Int) -> IngestError {
        IngestError(code, file: file, line: line, column: column, value: value, problem: problem, fix: fix)
    }
}
