/// A JSON value with the line and column it was read from, and object members in file order,
/// so error messages can point at the text and `config show` keeps a stable key order.
public struct JSONNode: Hashable, Sendable {
    public indirect enum Value: Hashable, Sendable {
        case null
        case bool(Bool)
        case number(Double)
        case string(String)
        case array([JSONNode])
        case object([JSONMember])
    }

    public var value: Value
    /// 1-based; 0 for nodes built in code.
    public var line: Int
    public var column: Int

    public init(_ value: Value, line: Int = 0, column: Int = 0) {
        self.value = value
        self.line = line
        self.column = column
    }

    /// The name of the value's JSON type, for "expected …, got …" messages.
    public var typeName: String {
        switch value {
        case .null: return "null"
        case .bool: return "a boolean"
        case .number: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }

    public var members: [JSONMember]? {
        if case .object(let members) = value { return members }
        return nil
    }
}

public struct JSONMember: Hashable, Sendable {
    public var key: String
    public var node: JSONNode

    public init(_ key: String, _ node: JSONNode) {
        self.key = key
        self.node = node
    }
}

extension JSONNode {
    static func string(_ text: String) -> JSONNode { JSONNode(.string(text)) }
    static func number(_ number: Double) -> JSONNode { JSONNode(.number(number)) }
    static func number(_ number: Int) -> JSONNode { JSONNode(.number(Double(number))) }
    static func bool(_ flag: Bool) -> JSONNode { JSONNode(.bool(flag)) }
    static let null = JSONNode(.null)
    static func object(_ members: [(String, JSONNode)]) -> JSONNode {
        JSONNode(.object(members.map { JSONMember($0.0, $0.1) }))
    }
    static func optionalString(_ text: String?) -> JSONNode { text.map { .string($0) } ?? .null }
    static func strings(_ texts: [String]) -> JSONNode { JSONNode(.array(texts.map { .string($0) })) }
    static func numbers(_ numbers: [Double]) -> JSONNode { JSONNode(.array(numbers.map { .number($0) })) }
}
