import Foundation

/// Where and how to reach PostgreSQL. Built from a DSN (`postgres://user:password@host:port/db?sslmode=disable`)
/// that the caller reads from the environment, or from discrete fields. `description` never shows the password.
public struct PostgresConnectionSettings: Sendable, Hashable, CustomStringConvertible {
    /// libpq's `sslmode` values that postgres-nio can honour.
    public enum TLSMode: String, Sendable, Hashable, CaseIterable {
        /// Plain TCP (loopback, trusted networks).
        case disable
        /// TLS when the server offers it, without verifying the certificate.
        case prefer
        /// TLS required, certificate not verified (libpq semantics).
        case require
        /// TLS required, certificate chain verified, host name not checked.
        case verifyCA = "verify-ca"
        /// TLS required, chain and host name verified.
        case verifyFull = "verify-full"
    }

    public var host: String
    /// Default 5432.
    public var port: Int
    public var user: String
    public var password: String
    public var database: String
    /// Default `prefer`, as in libpq.
    public var tlsMode: TLSMode
    /// PEM file of CAs to trust for `verify-ca`/`verify-full` (DSN `sslrootcert`); nil: the system store.
    public var rootCertificatePath: String?
    /// TCP connect + login deadline (DSN `connect_timeout`, seconds). Default 5.
    public var connectTimeoutSeconds: Double
    /// Server-side `statement_timeout` per statement. Default 60.
    public var statementTimeoutSeconds: Double
    /// Shown in `pg_stat_activity`. Default `dartcast`.
    public var applicationName: String

    public init(host: String, port: Int = 5432, user: String, password: String, database: String,
                tlsMode: TLSMode = .prefer, rootCertificatePath: String? = nil, connectTimeoutSeconds: Double = 5,
                statementTimeoutSeconds: Double = 60, applicationName: String = "dartcast") {
        self.host = host
        self.port = port
        self.user = user
        self.password = password
        self.database = database
        self.tlsMode = tlsMode
        self.rootCertificatePath = rootCertificatePath
        self.connectTimeoutSeconds = connectTimeoutSeconds
        self.statementTimeoutSeconds = statementTimeoutSeconds
        self.applicationName = applicationName
    }

    /// Parses `postgres://` or `postgresql://` URLs. User and password may be percent-encoded.
    /// Query keys: `sslmode`, `sslrootcert`, `connect_timeout`, `statement_timeout` (ms, as in libpq's `options`),
    /// `application_name`. Errors name the problem, never the DSN or its password.
    /// - Parameter variable: the environment variable the DSN came from, named in errors.
    public init(dsn: String, variable: String = "DARTCAST_SQL_DSN") throws {
        func fail(_ code: PostgresSettingsError.Code, _ what: String) -> PostgresSettingsError {
            PostgresSettingsError(code, variable: variable, what)
        }
        guard let components = URLComponents(string: dsn.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw fail(.invalidDSN, "is not a URL of the form postgres://user:password@host:port/database?sslmode=require")
        }
        guard let scheme = components.scheme?.lowercased(), scheme == "postgres" || scheme == "postgresql" else {
            throw fail(.invalidDSN, "must start with postgres:// or postgresql://")
        }
        guard let host = components.host, !host.isEmpty else { throw fail(.invalidDSN, "has no host") }
        guard let user = components.user, !user.isEmpty else { throw fail(.invalidDSN, "has no user name") }
        let database = String(components.path.drop(while: { $0 == "/" }))
        guard !database.isEmpty, !database.contains("/") else { throw fail(.invalidDSN, "must name one database after the host, e.g. …:5432/dartcast") }
        if let port = components.port, !(1...65535).contains(port) { throw fail(.invalidDSN, "has a port outside 1–65535") }
        self.init(host: host, port: components.port ?? 5432, user: user, password: components.password ?? "", database: database)
        for item in components.queryItems ?? [] {
            let value = item.value ?? ""
            switch item.name {
            case "sslmode":
                guard let mode = TLSMode(rawValue: value) else {
                    throw fail(.unsupportedOption, "sslmode '\(value)' is not one of \(TLSMode.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                tlsMode = mode
            case "sslrootcert": rootCertificatePath = value
            case "connect_timeout":
                guard let seconds = Double(value), seconds > 0 else { throw fail(.unsupportedOption, "connect_timeout must be a positive number of seconds") }
                connectTimeoutSeconds = seconds
            case "statement_timeout":
                guard let milliseconds = Double(value), milliseconds > 0 else { throw fail(.unsupportedOption, "statement_timeout must be a positive number of milliseconds") }
                statementTimeoutSeconds = milliseconds / 1000
            case "application_name": applicationName = value
            default:
                throw fail(.unsupportedOption, "has an unsupported option '\(item.name)' (supported: sslmode, sslrootcert, connect_timeout, statement_timeout, application_name)")
            }
        }
    }

    /// `postgres://user@host:port/database?sslmode=…`: for logs; no password.
    public var description: String { "postgres://\(user)@\(endpoint)/\(database)?sslmode=\(tlsMode.rawValue)" }

    /// `host:port`, bracketing IPv6 literals.
    public var endpoint: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }

    /// Replaces the password wherever it occurs, for text that might echo it (server or driver messages).
    public func redacting(_ text: String) -> String {
        var redacted = text
        for secret in [password, password.addingPercentEncoding(withAllowedCharacters: .urlPasswordAllowed)] {
            guard let secret, !secret.isEmpty else { continue }
            redacted = redacted.replacingOccurrences(of: secret, with: "•••")
        }
        return redacted
    }
}

/// A PostgreSQL DSN or setting that cannot be used.
public struct PostgresSettingsError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable { case invalidDSN, unsupportedOption, tls }
    public let code: Code
    /// The environment variable that held the DSN.
    public let variable: String
    public let problem: String

    public init(_ code: Code, variable: String, _ problem: String) {
        self.code = code
        self.variable = variable
        self.problem = problem
    }

    public var description: String { "the PostgreSQL DSN in $\(variable) \(problem)" }
}
