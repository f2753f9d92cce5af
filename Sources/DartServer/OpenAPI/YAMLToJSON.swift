import Foundation
import Yams

/// YAML to the objects `JSONSerialization` takes: string keys, numbers, booleans, null.
/// Timestamps stay strings (JSON has none), and anything JSON cannot hold is an error.
enum YAMLToJSON {
    static func object(yaml: String) throws -> [String: Any] {
        guard let node = try Yams.compose(yaml: yaml, Resolver.default.removing(.timestamp)),
              case .mapping = node else { throw OpenAPIDocumentError(problem: "the document is not a YAML mapping") }
        return try value(node) as? [String: Any] ?? [:]
    }

    private static func value(_ node: Node) throws -> Any {
        switch node {
        case .mapping(let mapping):
            var object: [String: Any] = [:]
            for (key, item) in mapping {
                guard let name = key.string else { throw OpenAPIDocumentError(problem: "a mapping key is not a scalar: \(key)") }
                object[name] = try value(item)
            }
            return object
        case .sequence(let sequence):
            return try sequence.map(value)
        case .scalar(let scalar):
            switch Tag.Name(rawValue: node.tag.rawValue) {
            case .null: return NSNull()
            case .bool: return node.bool ?? scalar.string
            case .int: return node.int ?? scalar.string
            case .float: return node.float ?? scalar.string
            default: return scalar.string
            }
        case .alias:
            throw OpenAPIDocumentError(problem: "YAML aliases are not supported; write the value out or use a $ref")
        }
    }
}
