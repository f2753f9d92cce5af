import HTTPTypes
import OpenAPIRuntime

/// Applies `BearerAuthorization` to the operations whose openapi.yaml entry has a `security`
/// requirement, before anything else runs. An operation the spec does not list is guarded too
/// (fail closed).
struct BearerAuthMiddleware: ServerMiddleware {
    let authorization: BearerAuthorization
    let operations: [String: OpenAPIDocument.Operation]

    func intercept(_ request: HTTPRequest, body: HTTPBody?, metadata: ServerRequestMetadata, operationID: String,
                   next: @Sendable (HTTPRequest, HTTPBody?, ServerRequestMetadata) async throws -> (HTTPResponse, HTTPBody?))
        async throws -> (HTTPResponse, HTTPBody?) {
        if operations[operationID]?.needsToken ?? true {
            try authorization.check(header: request.headerFields[.authorization])
        }
        return try await next(request, body, metadata)
    }
}
