import Foundation

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

    /// Query parameters that carry a credential (compared lower-case, without `-` and `_`):
    /// signed URLs (S3 `X-Amz-Signature`, Azure SAS `sig`), tokens, keys and passwords.
    private static let credentialParameters: Set<String> = [
        "sig", "signature", "xamzsignature", "xamzcredential", "xamzsecuritytoken", "token", "accesstoken", "idtoken",
        "apitoken", "authtoken", "key", "apikey", "accesskey", "secretkey", "subscriptionkey", "code", "password", "pwd",
        "pass", "secret", "clientsecret", "auth", "authorization", "credential", "credentials",
    ]

    /// The first query parameter of a URL whose name says it carries a credential and whose value
    /// is not empty (`https://h/p?X-Amz-Signature=…` gives `X-Amz-Signature`), as written; nil
    /// when there is none or the text has no query string.
    static func credentialQueryParameter(_ text: String) -> String? {
        guard let question = text.firstIndex(of: "?") else { return nil }
        let query = text[text.index(after: question)...].prefix { $0 != "#" }
        for pair in query.split(whereSeparator: { $0 == "&" || $0 == ";" }) {
            guard let equals = pair.firstIndex(of: "="), pair.index(after: equals) < pair.endIndex else { continue }
            let name = pair[..<equals]
            let normalized = (name.removingPercentEncoding ?? String(name)).lowercased().filter { $0 != "-" && $0 != "_" }
            let tail = ["token", "secret", "signature", "password", "apikey", "accesskey"]
            if credentialParameters.contains(normalized) || tail.contains(where: { normalized.hasSuffix($0) }) { return String(name) }
        }
        return nil
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
