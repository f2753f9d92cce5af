import Foundation

/// Typed access to the parsed spec (JSON objects), resolving local `$ref`s; every lookup that
/// fails names where, so a malformed spec is reported, not skipped.
struct SpecTree {
    let root: [String: Any]

    func object(_ value: Any?, at place: String) throws -> [String: Any] {
        guard let object = value as? [String: Any] else { throw OpenAPIDocumentError(problem: "\(place) is not an object") }
        return object
    }

    func object(_ parent: [String: Any], at key: String) throws -> [String: Any] {
        try object(parent[key], at: key)
    }

    /// The object itself, or the one its `$ref` (`#/components/…`) points at.
    func resolved(_ value: Any, at place: String) throws -> [String: Any] {
        let object = try object(value, at: place)
        guard let reference = object["$ref"] as? String else { return object }
        guard reference.hasPrefix("#/") else { throw OpenAPIDocumentError(problem: "\(place): only local $refs are supported, got \(reference)") }
        var target: Any = root
        for key in reference.dropFirst(2).split(separator: "/") {
            guard let next = (target as? [String: Any])?[String(key)] else {
                throw OpenAPIDocumentError(problem: "\(place): $ref \(reference) points at nothing")
            }
            target = next
        }
        return try resolved(target, at: reference)
    }
}
