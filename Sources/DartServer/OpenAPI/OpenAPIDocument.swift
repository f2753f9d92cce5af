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
    /// Each documented path template (`/api/runs/{id}`) with its methods, upper case and sorted.
    let methodsByPath: [String: [String]]

    init(yaml: String = OpenAPISpecText.yaml) throws {
        let object = try YAMLToJSON.object(yaml: yaml)
        let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        json = String(decoding: data, as: UTF8.self)
        let spec = SpecTree(root: object)
        operations = try Self.operations(in: spec)
        methodsByPath = try spec.object(spec.root, at: "paths").mapValues { item in
            (item as? [String: Any] ?? [:]).keys.filter(Self.methods.contains).map { $0.uppercased() }.sorted()
        }
    }

    static let methods: Set<String> = ["get", "post", "put", "delete", "patch"]

    /// The methods the spec documents for a concrete path (`/api/runs/r-1` matches `/api/runs/{id}`),
    /// or nil when no documented path matches. A literal segment wins over a `{parameter}`.
    func allowedMethods(path: String) -> [String]? {
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        let matching = methodsByPath.filter { template, _ in
            let parts = template.split(separator: "/", omittingEmptySubsequences: false)
            return parts.count == segments.count && zip(parts, segments).allSatisfy { $0 == $1 || ($0.hasPrefix("{") && !$1.isEmpty) }
        }
        // The most literal template: `/api/schedules/{job}/enable` over a hypothetical `/api/schedules/{job}/{action}`.
        let best = matching.max { $0.key.filter { $0 == "{" }.count > $1.key.filter { $0 == "{" }.count }
        return best?.value
    }

    private static func operations(in spec: SpecTree) throws -> [String: Operation] {
        var operations: [String: Operation] = [:]
        for (path, item) in try spec.object(spec.root, at: "paths") {
            for (method, value) in try spec.object(item, at: path) where Self.methods.contains(method) {
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
