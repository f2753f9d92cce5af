/// Reads `.env` files: `KEY=value` lines, `export KEY=value`, `#` comments, blank lines,
/// single quotes (literal), double quotes (with `\n`, `\t`, `\"`, `\\` escapes; may span
/// lines), unquoted values (trimmed; ` #` starts a comment). No `$VAR` expansion.
/// A later line wins over an earlier one. Errors name the line, never the value.
public enum Dotenv {
    public static func parse(_ text: String, file: String = ".env") throws(ConfigError) -> [String: String] {
        var values: [String: String] = [:]
        // "\r\n" is one Character in Swift, so split on both line ends.
        let lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }
        var index = 0
        while index < lines.count {
            let lineNumber = index + 1
            var line = lines[index].drop { $0 == " " || $0 == "\t" }
            index += 1
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("export ") || line.hasPrefix("export\t") {
                line = line.dropFirst(7).drop { $0 == " " || $0 == "\t" }
            }
            guard let equals = line.firstIndex(of: "=") else {
                throw ConfigError(.syntax, file: file, path: "", line: lineNumber,
                                  message: "expected KEY=value (a line without '='); fix or comment it out with #")
            }
            let key = String(line[..<equals]).trimmingSpacesAndTabs
            guard LiteralSecretDetector.isEnvironmentVariableName(key) else {
                throw ConfigError(.syntax, file: file, path: "", line: lineNumber,
                                  message: "the name before '=' is not a valid variable name (letters, digits and _, not starting with a digit)")
            }
            let rest = line[line.index(after: equals)...].drop { $0 == " " || $0 == "\t" }
            switch rest.first {
            case "'":
                guard let close = rest.dropFirst().firstIndex(of: "'") else {
                    throw unterminated(key, file: file, line: lineNumber, quote: "'")
                }
                try checkTrailing(rest[rest.index(after: close)...], key: key, file: file, line: lineNumber)
                values[key] = String(rest[rest.index(after: rest.startIndex)..<close])
            case "\"":
                var body = Substring(rest.dropFirst())
                var decoded = ""
                while true {
                    if let (value, trailing) = decodeDoubleQuoted(body) {
                        decoded += value
                        try checkTrailing(trailing, key: key, file: file, line: lineNumber)
                        break
                    }
                    // The closing quote is on a later line: the value spans lines.
                    guard index < lines.count else { throw unterminated(key, file: file, line: lineNumber, quote: "\"") }
                    body = Substring(String(body) + "\n" + lines[index])
                    index += 1
                }
                values[key] = decoded
            default:
                var value = rest
                if let comment = value.range(of: " #") ?? value.range(of: "\t#") { value = value[..<comment.lowerBound] }
                values[key] = String(value).trimmingSpacesAndTabs
            }
        }
        return values
    }

    /// Decodes up to the closing quote; nil when there is none.
    private static func decodeDoubleQuoted(_ body: Substring) -> (String, Substring)? {
        var result = ""
        var position = body.startIndex
        while position < body.endIndex {
            let character = body[position]
            if character == "\"" { return (result, body[body.index(after: position)...]) }
            if character == "\\", body.index(after: position) < body.endIndex {
                position = body.index(after: position)
                switch body[position] {
                case "n": result.append("\n")
                case "t": result.append("\t")
                case "r": result.append("\r")
                case "\"": result.append("\"")
                case "\\": result.append("\\")
                default: result.append("\\"); result.append(body[position])
                }
            } else {
                result.append(character)
            }
            position = body.index(after: position)
        }
        return nil
    }

    private static func checkTrailing(_ trailing: Substring, key: String, file: String, line: Int) throws(ConfigError) {
        let rest = trailing.drop { $0 == " " || $0 == "\t" }
        guard rest.isEmpty || rest.hasPrefix("#") else {
            throw ConfigError(.syntax, file: file, path: "", line: line,
                              message: "text after the closing quote of \(key); only a # comment may follow it")
        }
    }

    private static func unterminated(_ key: String, file: String, line: Int, quote: String) -> ConfigError {
        ConfigError(.syntax, file: file, path: "", line: line, message: "the value of \(key) opens a \(quote) quote that is never closed")
    }
}

extension StringProtocol {
    var trimmingSpacesAndTabs: String {
        let isBlank: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = firstIndex(where: { !isBlank($0) }), let last = lastIndex(where: { !isBlank($0) }) else { return "" }
        return String(self[first...last])
    }
}
