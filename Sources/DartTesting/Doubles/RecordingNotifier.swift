import DartPublish
import Foundation

/// A notifier that records every notice it is asked to send and fails while `failing` is set.
/// Unit tests use it; the real channels are tested against real servers in DartPublishTests.
public final class RecordingNotifier: Notifier, @unchecked Sendable {
    public let channel: String
    private let lock = NSLock()
    private var attempted: [RunNotification] = []
    private var delivered: [RunNotification] = []
    private var shouldFail: Bool

    public init(channel: String, failing: Bool = false) {
        self.channel = channel
        shouldFail = failing
    }

    /// Every notice `send` was called with, delivered or not.
    public var attempts: [RunNotification] { lock.withLock { attempted } }
    /// The notices that were delivered (sent while not failing).
    public var notices: [RunNotification] { lock.withLock { delivered } }
    public var failing: Bool {
        get { lock.withLock { shouldFail } }
        set { lock.withLock { shouldFail = newValue } }
    }

    public func send(_ notification: RunNotification) async throws {
        let fail = lock.withLock {
            attempted.append(notification)
            if !shouldFail { delivered.append(notification) }
            return shouldFail
        }
        if fail { throw NotifierError(.http, "\(channel) answered HTTP 503") }
    }

    /// This notifier as a notification channel, enabled whatever the settings say (register it in `DartRuntime.Registrations`).
    public var channelRegistration: NotificationChannel {
        NotificationChannel(name: channel, isEnabled: { _ in true }) { [self] _ in self }
    }
}
