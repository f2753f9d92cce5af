/// Writes the `*_env` key of a secret and, for `config show`, its status beside it:
/// `"***"` when the variable is set, `null` when not. Never the value.
struct SecretFields {
    /// Nil when writing a settings file (no status keys).
    let secrets: Secrets?

    func fields(_ base: String, envVar: String) -> [(String, JSONNode)] {
        var fields: [(String, JSONNode)] = [(base + "_env", .string(envVar))]
        if let secrets {
            fields.append((base, secrets.value(forEnvironmentVariable: envVar) == nil ? .null : .string("***")))
        }
        return fields
    }
}

/// SQL identifiers dartcast interpolates into statements: letters, digits, `_`, at most 63.
enum SQLIdentifier {
    static func isValid(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, text.unicodeScalars.count <= 63 else { return false }
        let isLetter: (Unicode.Scalar) -> Bool = { ("A"..."Z").contains($0) || ("a"..."z").contains($0) || $0 == "_" }
        return isLetter(first) && text.unicodeScalars.allSatisfy { isLetter($0) || ("0"..."9").contains($0) }
    }

    /// `table` or `schema.table`.
    static func isValidQualified(_ text: String) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        return (1...2).contains(parts.count) && parts.allSatisfy { isValid(String($0)) }
    }
}

extension ObjectReader {
    /// A SQL identifier (or `schema.table` when `qualified`).
    func sqlIdentifier(_ key: String, _ fallback: String, qualified: Bool = false) -> String {
        let text = string(key, fallback)
        let valid = qualified ? SQLIdentifier.isValidQualified(text) : SQLIdentifier.isValid(text)
        if !valid, let found = member(key) {
            invalid(key, found, value: text,
                    "\"\(text)\" is not a plain SQL identifier (letters, digits and _, at most 63, not starting with a digit\(qualified ? "; optionally schema.table" : ""))")
            return fallback
        }
        return text
    }
}
