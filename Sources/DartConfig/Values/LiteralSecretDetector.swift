/// Recognises text that carries a credential, so settings.json can refuse it without echoing it.
enum LiteralSecretDetector {
    /// Connection-string parts that hold a credential (`Password=…`, Azure `AccountKey=…`, SAS `sig=…`).
    private static let credentialMarkers = ["password=", "pwd=", "accountkey=", "sharedaccesssignature=", "sharedaccesskey=", "sig=", "secret="]

    /// True when the text is a URL or DSN with a password (`scheme://user:pw@host`) or contains
    /// a credential field of a connection string.
    static func containsCredential(_ text: String) -> Bool {
        let lower = text.lowercased()
        if credentialMarkers.contains(where: { lower.contains($0) }) { return true }
        guard let schemeEnd = lower.range(of: "://") else { return false }
        let afterScheme = lower[schemeEnd.upperBound...]
        let authority = afterScheme.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        guard let at = authority.lastIndex(of: "@") else { return false }
        return authority[..<at].contains(":")
    }

    /// True for values such as an `https://` URL: a webhook URL's path is its token.
    static func isURL(_ text: String) -> Bool {
        text.lowercased().hasPrefix("https://") || text.lowercased().hasPrefix("http://")
    }

    /// Environment variable names: a letter or `_`, then letters, digits or `_`.
    static func isEnvironmentVariableName(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, text.count <= 128 else { return false }
        let isLetter: (Unicode.Scalar) -> Bool = { ("A"..."Z").contains($0) || ("a"..."z").contains($0) || $0 == "_" }
        return isLetter(first) && text.unicodeScalars.allSatisfy { isLetter($0) || ("0"..."9").contains($0) }
    }
}
