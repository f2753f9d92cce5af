import Crypto
import Foundation

/// Azure Storage SharedKey authorization: HMAC-SHA256, keyed with the base64-decoded account
/// key, over the verb, the standard headers, the canonicalized `x-ms-*` headers and the
/// canonicalized resource. Reproduces the string-to-sign of Microsoft's SDK byte for byte.
public struct AzureSharedKeySigner: Sendable {
    public let accountName: String
    /// Raw key bytes (Crypto's `SymmetricKey` is not `Sendable`).
    private let key: Data

    /// Standard headers in string-to-sign order. (Microsoft's Python SDK signs an empty slot for
    /// `Range` and sends `x-ms-range` instead; we never send `Range`, so both agree.)
    static let standardHeaders = ["content-encoding", "content-language", "content-length", "content-md5", "content-type", "date",
                                  "if-modified-since", "if-match", "if-none-match", "if-unmodified-since", "range"]

    /// - Throws: `ObjectStoreError(.unauthorized)` when the key is not base64 (the message does not echo it).
    public init(accountName: String, accountKey: String) throws {
        guard let decoded = Data(base64Encoded: accountKey.trimmingCharacters(in: .whitespacesAndNewlines)), !decoded.isEmpty else {
            throw ObjectStoreError(.unauthorized, "the Azure account key for '\(accountName)' is not valid base64; copy key1 or key2 from the storage account's Access keys")
        }
        self.accountName = accountName
        self.key = decoded
    }

    /// The value of the `Authorization` header: `SharedKey account:signature`.
    public func authorization(method: String, url: URL, headers: [(String, String)]) -> String {
        "SharedKey \(accountName):\(signature(of: stringToSign(method: method, url: url, headers: headers)))"
    }

    public func signature(of stringToSign: String) -> String {
        Data(HMAC<SHA256>.authenticationCode(for: Data(stringToSign.utf8), using: SymmetricKey(data: key))).base64EncodedString()
    }

    /// - Parameters:
    ///   - url: the request URL as sent (path and query percent-encoded).
    ///   - headers: every header of the request except `Authorization`.
    public func stringToSign(method: String, url: URL, headers: [(String, String)]) -> String {
        var byName: [String: String] = [:]
        for (name, value) in headers where !value.isEmpty { byName[name.lowercased()] = value }
        if byName["content-length"] == "0" { byName["content-length"] = nil }
        var out = method + "\n"
        for name in Self.standardHeaders { out += (byName[name] ?? "") + "\n" }
        let msHeaders = headers.map { ($0.0.lowercased(), $0.1) }.filter { $0.0.hasPrefix("x-ms-") }
        var lastValue: [String: String] = [:]
        for (name, value) in msHeaders { lastValue[name] = value }
        for name in lastValue.keys.sorted(by: AzureHeaderOrder.precedes) { out += "\(name):\(lastValue[name]!)\n" }
        out += canonicalizedResource(url: url)
        return out
    }

    /// `/account/encoded/path` then `\nname:decoded value` per query parameter, sorted by name.
    func canonicalizedResource(url: URL) -> String {
        let components = URLComponents(url: url, resolvingAgainstBaseURL: false)
        var out = "/" + accountName + (components?.percentEncodedPath ?? url.path)
        let parameters = (components?.percentEncodedQuery ?? "").split(separator: "&").map { pair -> (String, String) in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let value = parts.count > 1 ? String(parts[1]) : ""
            return (String(parts[0]), value.removingPercentEncoding ?? value)
        }
        for (name, value) in parameters.sorted(by: { $0 < $1 }) { out += "\n\(name.lowercased()):\(value)" }
        return out
    }
}
