import Foundation

/// One query parameter as openapi.yaml declares it, and the check the hand-written server made:
/// a wrong value is a 400 naming the parameter and saying what it takes.
struct QueryRule: Sendable, Hashable {
    enum Kind: String, Sendable, Hashable {
        case string, integer, number, boolean
    }

    var name: String
    var required: Bool
    var kind: Kind
    var choices: [String]?
    var minimum: Int?
    var maximum: Int?
    /// The schema's `default`, as text.
    var defaultValue: String?
    var description: String?

    init(parameter: [String: Any], spec: SpecTree, operation: String) throws {
        guard let name = parameter["name"] as? String else { throw OpenAPIDocumentError(problem: "\(operation): a query parameter has no name") }
        let schema = try spec.resolved(parameter["schema"] ?? [String: Any](), at: "\(operation) query parameter \(name)")
        guard let kind = Kind(rawValue: schema["type"] as? String ?? "string") else {
            throw OpenAPIDocumentError(problem: "\(operation) query parameter \(name): only string, integer, number and boolean are supported")
        }
        self.name = name
        self.kind = kind
        required = parameter["required"] as? Bool ?? false
        choices = (schema["enum"] as? [Any])?.map { "\($0)" }
        minimum = schema["minimum"] as? Int
        maximum = schema["maximum"] as? Int
        defaultValue = schema["default"].map { "\($0)" }
        description = parameter["description"] as? String
    }

    /// `text` (percent-decoded, not empty) in the form the generated decoder reads.
    func canonical(_ text: String) throws(APIError) -> String {
        var value = text
        switch kind {
        case .string:
            break
        case .integer:
            guard let number = Int(text) else { throw .invalid(name, "\(name) must be a whole number, got \"\(text)\"") }
            try check(range: number)
        case .number:
            guard Double(text) != nil else { throw .invalid(name, "\(name) must be a number, got \"\(text)\"") }
        case .boolean:
            switch text.lowercased() {
            case "true", "1", "yes": value = "true"
            case "false", "0", "no": value = "false"
            default: throw .invalid(name, "\(name) must be true or false, got \"\(text)\"")
            }
        }
        if let choices, !choices.contains(value) {
            throw .invalid(name, "\(name) must be one of \(choices.joined(separator: ", ")), got \"\(text)\"")
        }
        return value
    }

    /// The 400 for a required parameter that is absent.
    var missing: APIError {
        let hint = choices.map { "one of \($0.joined(separator: ", "))" } ?? description
        return .invalid(name, "\(name) is required" + (hint.map { ": \($0)" } ?? ""))
    }

    private func check(range number: Int) throws(APIError) {
        switch (minimum, maximum) {
        case let (low?, high?) where !(low...high).contains(number):
            throw .invalid(name, "\(name) must be between \(low) and \(high), got \(number)")
        case let (low?, nil) where number < low:
            throw .invalid(name, "\(name) must be at least \(low), got \(number)")
        case let (nil, high?) where number > high:
            throw .invalid(name, "\(name) must be at most \(high), got \(number)")
        default:
            break
        }
    }
}
