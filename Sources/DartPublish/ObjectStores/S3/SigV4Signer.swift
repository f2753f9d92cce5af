import Crypto
import DartCore
import Foundation

/// AWS Signature Version 4 for S3-compatible stores (header-based, signed payload hash).
public struct SigV4Signer: Sendable {
    /// Printing credentials shows the key ID only, so a logged configuration leaks no secret.
    public struct Credentials: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
        public var accessKeyID: String
        public var secretAccessKey: String
        /// Temporary (STS) credentials also carry a session token, sent as `x-amz-security-token`.
        public var sessionToken: String?
        public init(accessKeyID: String, secretAccessKey: String, sessionToken: String? = nil) {
            self.accessKeyID = accessKeyID
            self.secretAccessKey = secretAccessKey
            self.sessionToken = sessionToken
        }
        public var description: String { "Credentials(accessKeyID: \(accessKeyID), secretAccessKey: <redacted>)" }
        public var debugDescription: String { description }
        public var customMirror: Mirror { Mirror(self, children: ["accessKeyID": accessKeyID]) }
    }

    public var credentials: Credentials
    public var region: String
    public var service: String

    public init(credentials: Credentials, region: String, service: String = "s3") {
        self.credentials = credentials
        self.region = region
        self.service = service
    }

    /// Returns the headers to add (`authorization`, `x-amz-date`, `x-amz-content-sha256`).
    /// - Parameters:
    ///   - path: the URI path, not yet percent-encoded (each segment is encoded here).
    ///   - query: query items, not yet encoded.
    ///   - headers: headers to sign; must include `host`.
    public func sign(method: String, path: String, query: [(String, String)] = [], headers: [String: String],
                     payloadSHA256: String, date: Date) -> [String: String] {
        let (amzDate, shortDate) = Self.timestamps(date)
        var signed = Dictionary(uniqueKeysWithValues: headers.map { ($0.key.lowercased(), Self.trim($0.value)) })
        signed["x-amz-date"] = amzDate
        if service == "s3" { signed["x-amz-content-sha256"] = payloadSHA256 }
        let names = signed.keys.sorted()
        let canonicalHeaders = names.map { "\($0):\(signed[$0]!)\n" }.joined()
        let signedHeaders = names.joined(separator: ";")
        let canonicalQuery = query.map { (Self.encode($0.0), Self.encode($0.1)) }.sorted { $0 < $1 }
            .map { "\($0.0)=\($0.1)" }.joined(separator: "&")
        let canonicalRequest = [method, Self.canonicalPath(path), canonicalQuery, canonicalHeaders, signedHeaders, payloadSHA256]
            .joined(separator: "\n")
        let scope = "\(shortDate)/\(region)/\(service)/aws4_request"
        let stringToSign = ["AWS4-HMAC-SHA256", amzDate, scope, Self.hex(SHA256.hash(data: Data(canonicalRequest.utf8)))]
            .joined(separator: "\n")
        var key = SymmetricKey(data: Data("AWS4\(credentials.secretAccessKey)".utf8))
        for part in [shortDate, region, service, "aws4_request"] {
            key = SymmetricKey(data: Data(HMAC<SHA256>.authenticationCode(for: Data(part.utf8), using: key)))
        }
        let signature = Self.hex(HMAC<SHA256>.authenticationCode(for: Data(stringToSign.utf8), using: key))
        var out: [String: String] = ["x-amz-date": amzDate]
        if service == "s3" { out["x-amz-content-sha256"] = payloadSHA256 }
        out["authorization"] = "AWS4-HMAC-SHA256 Credential=\(credentials.accessKeyID)/\(scope), SignedHeaders=\(signedHeaders), Signature=\(signature)"
        return out
    }

    public static func sha256Hex(_ data: Data) -> String { hex(SHA256.hash(data: data)) }

    static func hex<D: Sequence>(_ bytes: D) -> String where D.Element == UInt8 {
        bytes.map { String(format: "%02x", $0) }.joined()
    }

    static func timestamps(_ date: Date) -> (String, String) {
        let seconds = Int64(date.timeIntervalSince1970.rounded(.down))
        let iso = DateFormatting.compactUTC(seconds)  // 20150830T123600Z
        return (iso, String(iso.prefix(8)))
    }

    /// RFC 3986 unreserved characters stay; everything else is %XX (uppercase).
    static func encode(_ text: String, keepSlash: Bool = false) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"):
                out.append(Character(UnicodeScalar(byte)))
            case UInt8(ascii: "/") where keepSlash:
                out.append("/")
            default:
                out += String(format: "%%%02X", byte)
            }
        }
        return out
    }

    static func canonicalPath(_ path: String) -> String {
        let encoded = encode(path.isEmpty ? "/" : path, keepSlash: true)
        return encoded.hasPrefix("/") ? encoded : "/" + encoded
    }

    static func trim(_ value: String) -> String {
        value.trimmingCharacters(in: .whitespaces).split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
    }
}

enum DateFormatting {
    /// `YYYYMMDDTHHMMSSZ`.
    static func compactUTC(_ seconds: Int64) -> String {
        let iso = UTCFormat.iso8601(seconds)  // 2015-08-30T12:36:00Z
        return iso.replacingOccurrences(of: "-", with: "").replacingOccurrences(of: ":", with: "")
    }
}
