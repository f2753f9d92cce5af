import DartPostgres
import Foundation
import NIOCore
import PostgresNIO

/// Turns postgres-nio errors into `SQLSinkError`s that say what to fix. Messages are built
/// from the server's message fields (never `String(reflecting:)`, which may include the query)
/// and are passed through `redacting` so the password cannot leak.
enum PostgresErrorTranslation {
    static func translate(_ error: any Error, settings: PostgresConnectionSettings, during activity: String) -> SQLSinkError {
        if let error = error as? SQLSinkError { return SQLSinkError(error.code, settings.redacting(error.message)) }
        let target = "PostgreSQL at \(settings.endpoint)/\(settings.database)"
        guard let error = error as? PSQLError else {
            return SQLSinkError(.write, settings.redacting("\(activity) \(target) failed: \(type(of: error))"))
        }
        switch error.code {
        case .connectionError:
            let cause = error.underlying.map(describeConnectionFailure) ?? "connection failed"
            return SQLSinkError(.unreachable, settings.redacting(
                "could not connect to \(target) (\(cause)); check that the server is running and the DSN's host and port"))
        case .serverClosedConnection, .uncleanShutdown, .clientClosedConnection:
            return SQLSinkError(.unreachable, "\(target) closed the connection while \(activity); nothing was committed, retry later")
        case .sslUnsupported:
            return SQLSinkError(.unreachable, "\(target) does not offer TLS but sslmode requires it; enable ssl on the server or use sslmode=disable on trusted networks")
        case .server:
            return translateServer(error, target: target, settings: settings, activity: activity)
        case .unsupportedAuthMechanism, .authMechanismRequiresPassword, .saslError:
            return SQLSinkError(.unreachable, "\(target) rejected the login of user \(settings.user) (\(error.code)); check the user and password in the DSN")
        default:
            return SQLSinkError(.write, settings.redacting("\(activity) \(target) failed: \(error.code)"))
        }
    }

    private static func translateServer(_ error: PSQLError, target: String, settings: PostgresConnectionSettings, activity: String) -> SQLSinkError {
        let state = error.serverInfo?[.sqlState] ?? ""
        var text = error.serverInfo?[.message] ?? "server error"
        if let detail = error.serverInfo?[.detail] { text += " (\(detail))" }
        if let hint = error.serverInfo?[.hint] { text += "; hint: \(hint)" }
        text += " [SQLSTATE \(state)]"
        let redacted = settings.redacting(text)
        switch state {
        case _ where state.hasPrefix("28"):  // invalid authorization / password
            return SQLSinkError(.unreachable, "\(target) rejected the login of user \(settings.user): \(redacted); check the user and password in the DSN")
        case "3D000":  // database does not exist
            return SQLSinkError(.unreachable, "\(target): \(redacted); check the database name in the DSN")
        case _ where state.hasPrefix("08"), "57P01", "57P02", "57P03":  // connection exceptions, shutdown, starting up
            return SQLSinkError(.unreachable, "\(target) is not available while \(activity): \(redacted); nothing was committed, retry later")
        case "57014":  // query_canceled: statement_timeout
            return SQLSinkError(.write, "\(target) cancelled a statement after statement_timeout (\(settings.statementTimeoutSeconds) s): \(redacted); nothing was committed")
        default:
            return SQLSinkError(.write, "\(activity) \(target) failed: \(redacted); nothing was committed")
        }
    }

    private static func describeConnectionFailure(_ underlying: any Error) -> String {
        if let channelError = underlying as? ChannelError, case .connectTimeout(let amount) = channelError {
            return "no answer within \(Double(amount.nanoseconds) / 1e9) s"
        }
        if let ioError = underlying as? IOError { return ioError.description }
        return String(describing: underlying)
    }
}
