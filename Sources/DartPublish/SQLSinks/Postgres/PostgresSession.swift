import Foundation
import Logging
import PostgresNIO

/// Opens one connection, runs a body under an overall deadline, and always closes it.
/// A connection per call (not a pool): the sink writes once per run, so a pool's run loop
/// and idle connections would cost more than one login per publish.
struct PostgresSession: Sendable {
    let settings: PostgresConnectionSettings
    /// Upper bound for connect + all statements of one call; past it the connection is closed.
    let deadlineSeconds: Double
    let logger: Logger
    let clock: any Clock<Duration>

    func run<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        let configuration: PostgresConnection.Configuration
        do {
            configuration = try makeConfiguration()
        } catch let error as PostgresSettingsError {
            throw SQLSinkError(.unreachable, "cannot connect to PostgreSQL at \(settings.endpoint): \(error.problem)")
        }
        let connection: PostgresConnection
        do {
            connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
        } catch {
            throw PostgresErrorTranslation.translate(error, settings: settings, during: "connecting")
        }
        let deadline = deadlineSeconds
        let clock = clock
        do {
            let value = try await withThrowingTaskGroup(of: T?.self) { group in
                group.addTask { try await body(connection) }
                group.addTask {
                    try await clock.sleep(for: .milliseconds(Int64(deadline * 1000)))
                    return nil
                }
                defer { group.cancelAll() }
                guard let first = try await group.next(), let value = first else {
                    // Closing fails the in-flight statement, so the body task ends and the group can exit.
                    try? await connection.close()
                    throw SQLSinkError(.unreachable, "PostgreSQL at \(settings.endpoint) did not finish within \(deadline) s; the connection was closed and nothing was committed")
                }
                return value
            }
            try? await connection.close()
            return value
        } catch {
            try? await connection.close()
            throw PostgresErrorTranslation.translate(error, settings: settings, during: "writing")
        }
    }

    func makeConfiguration() throws -> PostgresConnection.Configuration {
        var configuration = PostgresConnection.Configuration(
            host: settings.host, port: settings.port, username: settings.user, password: settings.password,
            database: settings.database, tls: try makeTLS())
        configuration.options.connectTimeout = .milliseconds(Int64(settings.connectTimeoutSeconds * 1000))
        configuration.options.additionalStartupParameters = [
            ("statement_timeout", String(Int(settings.statementTimeoutSeconds * 1000))),
            ("application_name", settings.applicationName),
        ]
        return configuration
    }

    private func makeTLS() throws -> PostgresConnection.Configuration.TLS {
        var tls = TLSConfiguration.makeClientConfiguration()
        switch settings.tlsMode {
        case .disable: return .disable
        case .prefer, .require: tls.certificateVerification = .none
        case .verifyCA: tls.certificateVerification = .noHostnameVerification
        case .verifyFull: tls.certificateVerification = .fullVerification
        }
        if let path = settings.rootCertificatePath { tls.trustRoots = .file(path) }
        do {
            let context = try NIOSSLContext(configuration: tls)
            return settings.tlsMode == .prefer ? .prefer(context) : .require(context)
        } catch {
            throw PostgresSettingsError(.tls, variable: "sslrootcert",
                                        "could not set up TLS (sslrootcert \(settings.rootCertificatePath ?? "system store")): \(error)")
        }
    }
}
