import DartCore
import Foundation

/// One page of an ERCOT report query: `_meta`, `fields` and `data` (rows as arrays in `fields` order).
struct ERCOTReportPage: Decodable, Sendable {
    struct Meta: Decodable, Sendable {
        var totalRecords: Int
        var totalPages: Int
        var currentPage: Int
    }

    struct Field: Decodable, Sendable {
        var name: String
    }

    var meta: Meta
    var fields: [Field]
    var data: [[ERCOTCell]]

    enum CodingKeys: String, CodingKey {
        case meta = "_meta"
        case fields, data
    }

    /// Column index by field name, case-insensitive.
    func columns() -> [String: Int] {
        Dictionary(fields.enumerated().map { ($1.name.lowercased(), $0) }, uniquingKeysWith: { first, _ in first })
    }
}

/// A cell of a report row: ERCOT sends numbers, strings, booleans and nulls.
enum ERCOTCell: Decodable, Sendable, Hashable {
    case null
    case bool(Bool)
    case number(Double)
    case text(String)

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let flag = try? container.decode(Bool.self) {
            self = .bool(flag)
        } else if let number = try? container.decode(Double.self) {
            self = .number(number)
        } else {
            self = .text(try container.decode(String.self))
        }
    }

    var number: Double? {
        switch self {
        case .number(let value): value
        case .text(let text): Double(text.trimmingCharacters(in: .whitespaces))
        default: nil
        }
    }

    var text: String? {
        switch self {
        case .text(let text): text
        case .number(let value): value == value.rounded() ? String(Int64(value)) : String(value)
        case .bool(let flag): flag ? "Y" : "N"
        case .null: nil
        }
    }

    /// An hour ending given as `7`, `"7"`, `"07:00"` or `"24:00"`.
    var hourEnding: Int? {
        if case .number(let value) = self { return Int(value) }
        guard let text else { return nil }
        return Int(text.split(separator: ":").first ?? "")
    }

    /// ERCOT's DST flag as a boolean or `Y`/`N`/`True`/`False`: true on the repeated (CST) fall-back hour.
    var isRepeatedHour: Bool? {
        switch self {
        case .bool(let flag): flag
        case .null: false
        default: text.flatMap { HourEndingLabel.parseRepeatedFlag($0) }
        }
    }
}
