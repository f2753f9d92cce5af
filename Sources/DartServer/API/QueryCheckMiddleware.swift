import Foundation
import HTTPTypes
import OpenAPIRuntime

/// Checks each operation's query against openapi.yaml before the generated code decodes it, so a
/// bad value is the same 400 naming the parameter as before (the generated decoder would only
/// say "failed to decode"). Empty values count as absent, and booleans may be 1/0 or yes/no;
/// they are rewritten to the form the decoder takes.
struct QueryCheckMiddleware: ServerMiddleware {
    let operations: [String: OpenAPIDocument.Operation]

    func intercept(_ request: HTTPRequest, body: HTTPBody?, metadata: ServerRequestMetadata, operationID: String,
                   next: @Sendable (HTTPRequest, HTTPBody?, ServerRequestMetadata) async throws -> (HTTPResponse, HTTPBody?))
        async throws -> (HTTPResponse, HTTPBody?) {
        guard let rules = operations[operationID]?.query, !rules.isEmpty, let path = request.path else {
            return try await next(request, body, metadata)
        }
        var checked = request
        checked.path = try Self.canonical(path: path, rules: rules)
        return try await next(checked, body, metadata)
    }

    /// `path` with its query checked against `rules`: empty items of known parameters dropped,
    /// values in canonical form, other items kept as sent.
    static func canonical(path: String, rules: [QueryRule]) throws(APIError) -> String {
        let parts = path.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        var components = URLComponents()
        components.percentEncodedQuery = parts.count > 1 ? String(parts[1]) : nil
        let encoded = components.percentEncodedQueryItems ?? []
        let decoded = components.queryItems ?? []
        var items: [String] = []
        var seen = Set<String>()
        for (raw, item) in zip(encoded, decoded) {
            guard let rule = rules.first(where: { $0.name == item.name }) else {
                items.append(raw.value.map { "\(raw.name)=\($0)" } ?? raw.name)
                continue
            }
            guard let value = item.value, !value.isEmpty else { continue }
            let canonical = try rule.canonical(value)
            seen.insert(rule.name)
            // Numbers and booleans are plain ASCII; anything else is passed on as it was encoded.
            items.append("\(raw.name)=\(canonical == value ? raw.value ?? "" : canonical)")
        }
        if let absent = rules.first(where: { $0.required && !seen.contains($0.name) }) { throw absent.missing }
        return String(parts[0]) + (items.isEmpty ? "" : "?" + items.joined(separator: "&"))
    }
}
