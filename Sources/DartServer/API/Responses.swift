import Foundation
import Hummingbird
import OpenAPIRuntime

/// Response builders shared by the routes: JSON with sorted keys, plain text, HTML.
enum Responses {
    static let jsonContentType = "application/json; charset=utf-8"

    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        data(try encode(value), contentType: jsonContentType, status: status)
    }

    static func encode(_ value: some Encodable) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(value)
    }

    static func text(_ text: String, contentType: String = "text/plain; charset=utf-8", status: HTTPResponse.Status = .ok) -> Response {
        data(Data(text.utf8), contentType: contentType, status: status)
    }

    static func data(_ data: Data, contentType: String, status: HTTPResponse.Status = .ok) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = contentType
        headers[.contentLength] = "\(data.count)"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func error(_ error: APIError, allow: [String] = []) -> Response {
        let body = APIErrorBody(error: .init(code: error.code.rawValue, message: error.message, parameter: error.parameter))
        var response = (try? json(body, status: error.status)) ?? text(error.message, status: error.status)
        if error.code == .unauthorized { response.headers[.wwwAuthenticate] = "Bearer realm=\"dartcast\"" }
        if !allow.isEmpty { response.headers[.allow] = allow.joined(separator: ", ") }
        return response
    }
}

/// Turns thrown `APIError`s (also when the generated server wraps them in a `ServerError`) into
/// JSON error responses and anything else into a 500 whose message is logged, not sent (it may
/// name paths an outsider need not see).
///
/// A path the spec documents, asked with a method it does not list, is a 405 with `Allow`
/// (the router alone would answer 404, as for an unknown path).
struct APIErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    let document: OpenAPIDocument

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            return Responses.error(error)
        } catch let error as ServerError {
            if let refused = error.underlyingError as? APIError { return Responses.error(refused) }
            // The generated code refused the request (a value QueryCheckMiddleware let through, an Accept it cannot serve).
            switch error.httpStatus {
            case .badRequest: return Responses.error(APIError(.invalidParameter, error.causeDescription))
            case .notAcceptable: return Responses.error(APIError(.notAcceptable, error.causeDescription))
            default: return internalError(error, request: request, context: context)
            }
        } catch let error as HTTPError where error.status == .notFound {
            if let allowed = document.allowedMethods(path: request.uri.path), !allowed.contains(request.method.rawValue) {
                return Responses.error(APIError(.methodNotAllowed, "\(request.uri.path) does not take \(request.method); it takes \(allowed.joined(separator: ", ")); see /openapi.json"),
                                       allow: allowed)
            }
            return Responses.error(APIError(.notFound, "no route \(request.method) \(request.uri.path); see /openapi.json"))
        } catch {
            return internalError(error, request: request, context: context)
        }
    }

    private func internalError(_ error: any Error, request: Request, context: Context) -> Response {
        context.logger.error("request failed", metadata: ["path": "\(request.uri.path)", "error": "\(error)"])
        return Responses.error(APIError(.internalError, "internal error; see the server log"))
    }
}
