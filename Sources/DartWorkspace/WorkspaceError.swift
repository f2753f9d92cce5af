/// Settings that cannot be resolved into a workspace; the message names the key to fix.
public struct WorkspaceError: Error, Hashable, Sendable, CustomStringConvertible {
    public let message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
