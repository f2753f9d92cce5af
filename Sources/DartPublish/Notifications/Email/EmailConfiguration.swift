import Foundation

/// How to submit run notifications by SMTP. The username and password come from the
/// environment (the caller reads them); `description` never shows the password.
public struct EmailConfiguration: Sendable, CustomStringConvertible {
    public enum Security: String, Sendable, CaseIterable {
        /// `smtp://`, then STARTTLS, refusing to continue without it (CURLUSESSL_ALL). Port 587.
        case starttls
        /// `smtps://`: TLS from the first byte. Port 465.
        case implicitTLS = "tls"
        /// No TLS: only for a relay on localhost; AUTH is refused in this mode.
        case none
    }

    public var host: String
    /// Default 587.
    public var port: Int
    /// Default `.starttls`.
    public var security: Security
    /// nil: no AUTH (e.g. an internal relay that trusts the network).
    public var username: String?
    public var password: String?
    /// Envelope sender and `From:` address, e.g. `dartcast@example.com`.
    public var from: String
    /// Display name in `From:`. Default `dartcast`.
    public var fromName: String?
    /// Envelope recipients, also listed in `To:`.
    public var recipients: [String]
    /// PEM file of CAs to trust (e.g. a self-signed test server's certificate); nil: the system store.
    public var caFile: String?
    /// Default 10 s.
    public var connectTimeoutSeconds: Double
    /// Whole SMTP conversation per attempt. Default 30 s.
    public var totalTimeoutSeconds: Double
    /// Attempts and backoff for transient failures (connect, timeout, 4xx replies).
    public var retry: RetryPolicy
    /// Adds a text/html alternative to the text/plain part. Default true.
    public var includeHTML: Bool

    public init(host: String, port: Int = 587, security: Security = .starttls, username: String? = nil, password: String? = nil,
                from: String, fromName: String? = "dartcast", recipients: [String], caFile: String? = nil,
                connectTimeoutSeconds: Double = 10, totalTimeoutSeconds: Double = 30, retry: RetryPolicy = RetryPolicy(),
                includeHTML: Bool = true) {
        self.host = host
        self.port = port
        self.security = security
        self.username = username
        self.password = password
        self.from = from
        self.fromName = fromName
        self.recipients = recipients
        self.caFile = caFile
        self.connectTimeoutSeconds = connectTimeoutSeconds
        self.totalTimeoutSeconds = totalTimeoutSeconds
        self.retry = retry
        self.includeHTML = includeHTML
    }

    /// `smtp://host:port` or `smtps://host:port`.
    var url: String {
        let hostPart = host.contains(":") ? "[\(host)]" : host
        return "\(security == .implicitTLS ? "smtps" : "smtp")://\(hostPart):\(port)"
    }

    public var description: String {
        "\(url) (\(security.rawValue)) as \(username ?? "no auth") from \(from) to \(recipients.joined(separator: ", "))"
    }

    /// Throws `NotifierError(.configuration)` naming the setting to fix.
    public func validate() throws {
        func fail(_ message: String) -> NotifierError { NotifierError(.configuration, "notifications.email: " + message) }
        guard !host.isEmpty, !host.contains(where: { $0.isWhitespace || $0 == "/" }) else { throw fail("smtp_host must be a host name or IP address") }
        guard (1...65535).contains(port) else { throw fail("smtp_port \(port) must be 1–65535") }
        try EmailAddress.validate(from, setting: "from")
        guard !recipients.isEmpty else { throw fail("recipients must list at least one address") }
        for recipient in recipients { try EmailAddress.validate(recipient, setting: "recipients") }
        if let fromName, fromName.contains(where: { $0 == "\r" || $0 == "\n" }) { throw fail("the sender name must be one line") }
        if username != nil, security == .none {
            throw fail("refusing to send the SMTP password without TLS; set starttls (or use TLS on port 465)")
        }
        if let username, username.contains(where: { $0 == "\r" || $0 == "\n" }) { throw fail("the SMTP username must be one line") }
        guard connectTimeoutSeconds > 0, totalTimeoutSeconds > 0 else { throw fail("timeouts must be positive") }
        guard retry.maxAttempts >= 1 else { throw fail("max_retries must be 0 or more") }
        if let caFile, !FileManager.default.isReadableFile(atPath: caFile) { throw fail("CA file \(caFile) is not readable") }
    }
}

/// Checks addresses before they reach SMTP commands or headers (no header injection).
enum EmailAddress {
    static func validate(_ address: String, setting: String) throws {
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        let allowed = address.unicodeScalars.allSatisfy { $0.isASCII && $0.value > 32 && $0.value < 127 && !"<>()[],;:\\\"".unicodeScalars.contains($0) }
        guard allowed, parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."), !parts[1].hasSuffix(".") else {
            throw NotifierError(.configuration, "notifications.email.\(setting): '\(address)' is not a plain address like name@example.com")
        }
    }

    static func domain(of address: String) -> String {
        address.split(separator: "@").last.map(String.init) ?? "localhost"
    }
}
