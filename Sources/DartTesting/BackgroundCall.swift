import Foundation

/// A blocking call run on a thread of its own, for tests that check it waits for a lock: whether
/// and when it finished, and how. Its own thread, not a dispatch queue: on Linux the global queues
/// share their threads with Swift concurrency's pool (one per core), so a call parked there could
/// wait behind the very tests that wait for it.
public final class BackgroundCall: @unchecked Sendable {
    private let lock = NSLock()
    private var finished: Date?
    private var error: String?

    /// Starts `body` at once.
    public init(_ body: @escaping @Sendable () throws -> Void) {
        Thread.detachNewThread { [self] in
            var failure: String?
            do { try body() } catch { failure = "\(error)" }
            lock.withLock {
                finished = Date()
                self.error = failure
            }
        }
    }

    /// When `body` returned or threw; nil while it runs.
    public var finishedAt: Date? { lock.withLock { finished } }

    /// What `body` threw, if it did.
    public var failure: String? { lock.withLock { error } }

    /// Waits up to `seconds` for `body` to finish, without blocking a thread; true when it did.
    public func finished(within seconds: Double) async -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while finishedAt == nil && Date() < deadline {
            try? await Task.sleep(for: .milliseconds(10))
        }
        return finishedAt != nil
    }
}
