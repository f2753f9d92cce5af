import Foundation

/// Prints notifications to a text stream (the demo's default channel).
public struct ConsoleNotifier: Notifier {
    public let write: @Sendable (String) -> Void

    public init(write: @escaping @Sendable (String) -> Void = { print($0) }) {
        self.write = write
    }

    public var channel: String { "console" }

    public func send(_ notification: RunNotification) async throws {
        write("[notification] " + notification.text.replacingOccurrences(of: "\n", with: "\n[notification] "))
    }
}
