import ArgumentParser
import DartServer
import Foundation

/// `--format` of the commands that print records: an aligned table (default), CSV with a header
/// line, or JSON. Every column and field name is from the vocabulary of docs/schema.md, and
/// times are ISO 8601 UTC, whatever the format.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, csv, json

    /// `rows` under `header` as an aligned table or CSV; columns from `rightAligned` on are
    /// right-aligned in the table (numbers).
    static func text(header: [String], rows: [[String]], format: OutputFormat, rightAlignedFrom: Int = .max) -> String {
        switch format {
        case .csv, .json:
            return ([header] + rows).map { $0.map(PredictionRowView.csvField).joined(separator: ",") }.joined(separator: "\n")
        case .table:
            let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
            return ([header] + rows).map { cells in
                cells.enumerated().map { index, cell in
                    index >= rightAlignedFrom ? String(repeating: " ", count: widths[index] - cell.count) + cell
                                              : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
                }.joined(separator: "  ").trimmingCharacters(in: .whitespaces)
            }.joined(separator: "\n")
        }
    }

    /// Pretty-printed JSON with sorted keys.
    static func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
