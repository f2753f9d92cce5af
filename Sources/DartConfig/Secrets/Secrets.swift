/// The secrets named by the settings, resolved from the process environment and a `.env` file
/// (the environment wins). Holds only the variables the settings name. Printing it lists
/// variable names and whether each is set, never a value.
public struct Secrets: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public enum Origin: String, Sendable, Hashable {
        case environment
        case dotenv
    }

    private struct Entry: Sendable {
        let value: SecretValue
        let origin: Origin
    }

    public let references: [SecretReference]
    private let entries: [String: Entry]

    /// Looks up every referenced variable: a non-empty environment value first, then `.env`.
    public init(references: [SecretReference], environment: [String: String], dotenv: [String: String]) {
        self.references = references
        var entries: [String: Entry] = [:]
        for name in Set(references.map(\.environmentVariable)) {
            if let value = environment[name], !value.isEmpty {
                entries[name] = Entry(value: SecretValue(value), origin: .environment)
            } else if let value = dotenv[name], !value.isEmpty {
                entries[name] = Entry(value: SecretValue(value), origin: .dotenv)
            }
        }
        self.entries = entries
    }

    /// The secret in environment variable `name`, or nil when unset or empty.
    public func value(forEnvironmentVariable name: String) -> SecretValue? { entries[name]?.value }

    /// Where the secret came from, or nil when unset.
    public func origin(ofEnvironmentVariable name: String) -> Origin? { entries[name]?.origin }

    /// Secrets an enabled feature needs that are not set.
    public var missingNeeded: [SecretReference] {
        references.filter { $0.isNeeded && entries[$0.environmentVariable] == nil }
    }

    public var description: String {
        let names = Set(references.map(\.environmentVariable)).sorted()
        let parts = names.map { name in "\(name): " + (entries[name].map { "set (\($0.origin.rawValue))" } ?? "not set") }
        return "Secrets(" + parts.joined(separator: ", ") + ")"
    }

    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: ["summary": description]) }
}
