import DartServer
import Foundation
import HTTPTypes
import OpenAPIRuntime

/// Turns any non-2xx answer into `APIClient.Failure` with the server's message, before the
/// generated code sees it: callers then only handle success, and every error reads alike
/// (`POST http://…/api/jobs/x/trigger: 404 no job named "x"; …`).
struct ServerErrorMiddleware: ClientMiddleware {
    func intercept(_ request: HTTPRequest, body: HTTPBody?, baseURL: URL, operationID: String,
                   next: @Sendable (HTTPRequest, HTTPBody?, URL) async throws -> (HTTPResponse, HTTPBody?))
        async throws -> (HTTPResponse, HTTPBody?) {
        let (response, responseBody) = try await next(request, body, baseURL)
        guard response.status.kind != .successful else { return (response, responseBody) }
        var data = Data()
        if let responseBody { data = (try? await Data(collecting: responseBody, upTo: 1 << 20)) ?? Data() }
        let url = baseURL.absoluteString + (request.path ?? "")
        throw APIClient.Failure(description: "\(request.method.rawValue) \(url): \(response.status.code) \(Self.message(in: data))")
    }

    /// The server's error message, or the start of the body text.
    static func message(in data: Data) -> String {
        if let body = try? JSONDecoder().decode(APIErrorBody.self, from: data) { return body.error.message }
        return String(decoding: data.prefix(500), as: UTF8.self)
    }
}

/// Sends the API token on POSTs (the operations openapi.yaml guards), and nowhere else.
struct TokenMiddleware: ClientMiddleware {
    let token: String?

    func intercept(_ request: HTTPRequest, body: HTTPBody?, baseURL: URL, operationID: String,
                   next: @Sendable (HTTPRequest, HTTPBody?, URL) async throws -> (HTTPResponse, HTTPBody?))
        async throws -> (HTTPResponse, HTTPBody?) {
        var request = request
        if request.method == .post, let token { request.headerFields[.authorization] = "Bearer \(token)" }
        return try await next(request, body, baseURL)
    }
}
