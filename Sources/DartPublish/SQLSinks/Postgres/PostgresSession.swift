import DartPostgres
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
        let timeout = SQLSinkError(.unreachable, "PostgreSQL at \(settings.endpoint) did not finish within \(deadlineSeconds) s; the connection was closed and nothing was committed")
        do {
            let value = try await DeadlineRace.run(seconds: deadlineSeconds, clock: clock, timeoutError: timeout,
                                                   onTimeout: { try? await connection.close() }) {
                try await body(connection)
            }
            try? await connection.close()
            return value
        } catch {
            try? await connection.close()
            throw PostgresErrorTranslation.translate(error, settings: settings, during: "writing")
        }
    }

    func makeConfiguration() throws -> PostgresConnection.Configuration { try settings.connectionConfiguration() }
}
