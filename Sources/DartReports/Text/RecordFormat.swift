import Foundation

/// How the CLI prints records: an aligned table (default), CSV with a header line, or JSON.
/// Every column and field name is from the vocabulary of docs/schema.md, and times are ISO 8601
/// UTC, whatever the format.
public enum RecordFormat: String, CaseIterable, Sendable {
    case table, csv, json

    /// `rows` under `header` as an aligned table or CSV (JSON callers encode their views with
    /// `json(_:)`); columns from `rightAlignedFrom` on are right-aligned in the table (numbers).
    public static func text(header: [String], rows: [[String]], format: RecordFormat, rightAlignedFrom: Int = .max) -> String {
        switch format {
        case .csv, .json:
            return ([header] + rows).map { $0.map(csvField).joined(separator: ",") }.joined(separator: "\n")
        case .table:
            return table(header: header, rows: rows, rightAlignedFrom: rightAlignedFrom)
        }
    }

    /// Columns two spaces apart, padded to their widest cell, each line trimmed; columns from
    /// `rightAlignedFrom` on are right-aligned.
    public static func table(header: [String], rows: [[String]], rightAlignedFrom: Int = .max) -> String {
        let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
        return ([header] + rows).map { cells in
            cells.enumerated().map { index, cell in
                index >= rightAlignedFrom ? String(repeating: " ", count: widths[index] - cell.count) + cell
                                          : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }.joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }.joined(separator: "\n")
    }

    /// RFC 4180 quoting when the text holds a comma, quote or line break.
    public static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Pretty-printed JSON with sorted keys.
    public static func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
