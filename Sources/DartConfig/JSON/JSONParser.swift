/// A strict JSON (RFC 8259) reader that keeps positions and member order and rejects
/// duplicate keys, which `JSONSerialization` would silently collapse.
public struct JSONSyntaxError: Error, Hashable, Sendable, CustomStringConvertible {
    public let line: Int
    public let column: Int
    public let message: String
    public var description: String { "\(line):\(column): \(message)" }
}

public enum JSONParser {
    /// Parses one JSON document. Messages never quote the document's text (it may hold a secret).
    public static func parse(_ text: String) throws(JSONSyntaxError) -> JSONNode {
        var cursor = Cursor(bytes: Array(text.utf8))
        cursor.skipWhitespace()
        let node = try cursor.parseValue(depth: 0)
        cursor.skipWhitespace()
        guard cursor.atEnd else { throw cursor.error("unexpected text after the end of the JSON document") }
        return node
    }

    private struct Cursor {
        let bytes: [UInt8]
        var index = 0
        var line = 1
        var lineStart = 0

        var atEnd: Bool { index >= bytes.count }
        var column: Int { index - lineStart + 1 }
        var current: UInt8? { index < bytes.count ? bytes[index] : nil }

        func error(_ message: String) -> JSONSyntaxError {
            JSONSyntaxError(line: line, column: column, message: message)
        }

        mutating func advance() {
            if bytes[index] == UInt8(ascii: "\n") {
                line += 1
                lineStart = index + 1
            }
            index += 1
        }

        mutating func skipWhitespace() {
            while let byte = current, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { advance() }
        }

        mutating func expect(_ literal: String, value: JSONNode.Value) throws(JSONSyntaxError) -> JSONNode.Value {
            for expected in literal.utf8 {
                guard current == expected else { throw error("expected '\(literal)'") }
                advance()
            }
            return value
        }

        mutating func parseValue(depth: Int) throws(JSONSyntaxError) -> JSONNode {
            guard depth < 64 else { throw error("nesting deeper than 64 levels") }
            let startLine = line, startColumn = column
            let value: JSONNode.Value
            switch current {
            case UInt8(ascii: "{"): value = try parseObject(depth: depth)
            case UInt8(ascii: "["): value = try parseArray(depth: depth)
            case UInt8(ascii: "\""): value = .string(try parseString())
            case UInt8(ascii: "t"): value = try expect("true", value: .bool(true))
            case UInt8(ascii: "f"): value = try expect("false", value: .bool(false))
            case UInt8(ascii: "n"): value = try expect("null", value: .null)
            case .some(let byte) where byte == UInt8(ascii: "-") || (48...57).contains(byte):
                value = .number(try parseNumber())
            case nil: throw error("unexpected end of file; a value is missing")
            default: throw error("expected a value (object, array, string, number, true, false or null)")
            }
            return JSONNode(value, line: startLine, column: startColumn)
        }

        mutating func parseObject(depth: Int) throws(JSONSyntaxError) -> JSONNode.Value {
            advance()  // {
            var members: [JSONMember] = []
            var seen: Set<String> = []
            skipWhitespace()
            if current == UInt8(ascii: "}") { advance(); return .object(members) }
            while true {
                skipWhitespace()
                guard current == UInt8(ascii: "\"") else { throw error("expected a key in double quotes") }
                let keyLine = line, keyColumn = column
                let key = try parseString()
                guard seen.insert(key).inserted else {
                    throw JSONSyntaxError(line: keyLine, column: keyColumn, message: "key \"\(key)\" appears twice in the same object; keep one")
                }
                skipWhitespace()
                guard current == UInt8(ascii: ":") else { throw error("expected ':' after key \"\(key)\"") }
                advance()
                skipWhitespace()
                members.append(JSONMember(key, try parseValue(depth: depth + 1)))
                skipWhitespace()
                switch current {
                case UInt8(ascii: ","): advance()
                case UInt8(ascii: "}"): advance(); return .object(members)
                default: throw error("expected ',' or '}' after the value of \"\(key)\"")
                }
            }
        }

        mutating func parseArray(depth: Int) throws(JSONSyntaxError) -> JSONNode.Value {
            advance()  // [
            var elements: [JSONNode] = []
            skipWhitespace()
            if current == UInt8(ascii: "]") { advance(); return .array(elements) }
            while true {
                skipWhitespace()
                elements.append(try parseValue(depth: depth + 1))
                skipWhitespace()
                switch current {
                case UInt8(ascii: ","): advance()
                case UInt8(ascii: "]"): advance(); return .array(elements)
                default: throw error("expected ',' or ']' in array")
                }
            }
        }

        mutating func parseString() throws(JSONSyntaxError) -> String {
            advance()  // opening quote
            var scalars: [UInt8] = []
            while true {
                guard let byte = current else { throw error("unterminated string") }
                switch byte {
                case UInt8(ascii: "\""):
                    advance()
                    return String(decoding: scalars, as: UTF8.self)
                case UInt8(ascii: "\\"):
                    advance()
                    guard let escaped = current else { throw error("unterminated string") }
                    advance()
                    switch escaped {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scalars.append(escaped)
                    case UInt8(ascii: "b"): scalars.append(0x08)
                    case UInt8(ascii: "f"): scalars.append(0x0C)
                    case UInt8(ascii: "n"): scalars.append(0x0A)
                    case UInt8(ascii: "r"): scalars.append(0x0D)
                    case UInt8(ascii: "t"): scalars.append(0x09)
                    case UInt8(ascii: "u"): scalars.append(contentsOf: try parseUnicodeEscape())
                    default: throw error("invalid escape sequence in string")
                    }
                case 0x00..<0x20:
                    throw error("control character inside a string; escape it (\\n, \\t, …)")
                default:
                    scalars.append(byte)
                    advance()
                }
            }
        }

        mutating func hexQuad() throws(JSONSyntaxError) -> UInt32 {
            var value: UInt32 = 0
            for _ in 0..<4 {
                guard let byte = current, let digit = hexDigit(byte) else { throw error("\\u needs four hex digits") }
                value = value * 16 + digit
                advance()
            }
            return value
        }

        mutating func parseUnicodeEscape() throws(JSONSyntaxError) -> [UInt8] {
            var code = try hexQuad()
            if (0xD800...0xDBFF).contains(code) {
                guard current == UInt8(ascii: "\\") else { throw error("unpaired UTF-16 surrogate in \\u escape") }
                advance()
                guard current == UInt8(ascii: "u") else { throw error("unpaired UTF-16 surrogate in \\u escape") }
                advance()
                let low = try hexQuad()
                guard (0xDC00...0xDFFF).contains(low) else { throw error("unpaired UTF-16 surrogate in \\u escape") }
                code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
            }
            guard let scalar = Unicode.Scalar(code) else { throw error("invalid \\u escape") }
            return Array(String(Character(scalar)).utf8)
        }

        mutating func parseNumber() throws(JSONSyntaxError) -> Double {
            let start = index
            if current == UInt8(ascii: "-") { advance() }
            guard let first = current, (48...57).contains(first) else { throw error("invalid number") }
            if first == UInt8(ascii: "0") {
                advance()
            } else {
                while let byte = current, (48...57).contains(byte) { advance() }
            }
            if current == UInt8(ascii: ".") {
                advance()
                guard let byte = current, (48...57).contains(byte) else { throw error("invalid number: digits must follow '.'") }
                while let byte = current, (48...57).contains(byte) { advance() }
            }
            if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
                advance()
                if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { advance() }
                guard let byte = current, (48...57).contains(byte) else { throw error("invalid number: digits must follow the exponent") }
                while let byte = current, (48...57).contains(byte) { advance() }
            }
            let text = String(decoding: bytes[start..<index], as: UTF8.self)
            guard let number = Double(text), number.isFinite else { throw error("number out of range") }
            return number
        }
    }

    private static func hexDigit(_ byte: UInt8) -> UInt32? {
        switch byte {
        case 48...57: return UInt32(byte - 48)
        case 65...70: return UInt32(byte - 55)
        case 97...102: return UInt32(byte - 87)
        default: return nil
        }
    }
}
