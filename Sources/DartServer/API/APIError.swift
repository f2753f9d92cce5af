import Hummingbird

/// A request the API refuses: the HTTP status, what to fix, and the parameter or resource
/// concerned. Rendered as `{"error": {"code", "message", "parameter"}}`.
public struct APIError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable, Codable {
        case invalidParameter = "invalid_parameter"
        case notFound = "not_found"
        case unauthorized
        case forbidden
        case conflict
        case unavailable
        case notAcceptable = "not_acceptable"
        case methodNotAllowed = "method_not_allowed"
        case internalError = "internal_error"
    }

    public let code: Code
    public let message: String
    /// The query or path parameter at fault, when there is one.
    public let parameter: String?

    public init(_ code: Code, _ message: String, parameter: String? = nil) {
        self.code = code
        self.message = message
        self.parameter = parameter
    }

    public var description: String { parameter.map { "\($0): \(message)" } ?? message }

    var status: HTTPResponse.Status {
        switch code {
        case .invalidParameter: .badRequest
        case .notFound: .notFound
        case .unauthorized: .unauthorized
        case .forbidden: .forbidden
        case .conflict: .conflict
        case .unavailable: .serviceUnavailable
        case .notAcceptable: .notAcceptable
        case .methodNotAllowed: .methodNotAllowed
        case .internalError: .internalServerError
        }
    }

    static func invalid(_ parameter: String, _ message: String) -> APIError {
        APIError(.invalidParameter, message, parameter: parameter)
    }
}

/// The JSON body of an error response; the CLI client decodes it to show the server's message.
public struct APIErrorBody: Codable, Hashable, Sendable {
    public struct Detail: Codable, Hashable, Sendable {
        public var code: String
        public var message: String
        public var parameter: String?
    }

    public var error: Detail
}
