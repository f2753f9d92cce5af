import DartAPI
import Foundation

/// `openapi.yaml` (embedded at build time from `Sources/DartAPI`, the file the generator reads),
/// read once: its JSON form, served at `/openapi.json`, and what the middlewares take from it
/// (which operations need the token, the rules of each operation's query parameters), so the
/// spec stays the one place those are stated.
struct OpenAPIDocument: Sendable {
    struct Operation: Sendable, Hashable {
        /// The operation lists a `security` requirement.
        var needsToken: Bool
        var query: [QueryRule]
    }

    /// The spec as pretty-printed JSON with sorted keys.
    let json: String
    /// By operationId.
    let operations: [String: Operation]

    init(yaml: String = OpenAPISpecText.yaml) throws {
        let object = try YAMLToJSON.object(yaml: yaml)
        let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        json = String(decoding: data, as: UTF8.self)
        operations = try Self.operations(in: SpecTree(root: object))
    }

    private static func operations(in spec: SpecTree) throws -> [String: Operation] {
        var operations: [String: Operation] = [:]
        for (path, item) in try spec.object(spec.root, at: "paths") {
            for (method, value) in try spec.object(item, at: path) where ["get", "post", "put", "delete", "patch"].contains(method) {
                let operation = try spec.object(value, at: "\(path) \(method)")
                guard let id = operation["operationId"] as? String else {
                    throw OpenAPIDocumentError(problem: "\(method.uppercased()) \(path) has no operationId")
                }
                let security = operation["security"] as? [Any] ?? []
                let parameters = try (operation["parameters"] as? [Any] ?? []).map { try spec.resolved($0, at: "\(id) parameters") }
                let query = try parameters.filter { $0["in"] as? String == "query" }.map { try QueryRule(parameter: $0, spec: spec, operation: id) }
                operations[id] = Operation(needsToken: !security.isEmpty, query: query)
            }
        }
        return operations
    }
}

/// openapi.yaml is not what the server expects; fix the spec.
struct OpenAPIDocumentError: Error, Hashable, Sendable, CustomStringConvertible {
    let problem: String
    var description: String { "openapi.yaml: \(problem); fix Sources/DartAPI/openapi.yaml" }
}
