import Foundation

/// Runs an operation against a deadline and returns as soon as either finishes. Unlike a task
/// group, it does not wait for a timed-out operation to wind down: postgres-nio queries in
/// flight on a connection closed from outside are not guaranteed to complete, so waiting
/// could hang. The abandoned operation ends when its connection's I/O fails.
enum DeadlineRace {
    static func run<T: Sendable>(seconds: Double, clock: any Clock<Duration>, timeoutError: any Error,
                                 onTimeout: @escaping @Sendable () async -> Void,
                                 operation: @escaping @Sendable () async throws -> T) async throws -> T {
        let once = ResumeOnce<T>()
        var work: Task<Void, Never>?
        var timer: Task<Void, Never>?
        defer {
            work?.cancel()
            timer?.cancel()
        }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                once.set(continuation)
                work = Task {
                    do { once.resume(.success(try await operation())) } catch { once.resume(.failure(error)) }
                }
                timer = Task {
                    guard (try? await clock.sleep(for: .milliseconds(Int64(seconds * 1000)))) != nil else { return }
                    if once.resume(.failure(timeoutError)) { await onTimeout() }
                }
            }
        } onCancel: {
            if once.resume(.failure(CancellationError())) { Task { await onTimeout() } }
        }
    }
}

/// A continuation resumed by whichever racer comes first; later results are dropped.
private final class ResumeOnce<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var continuation: CheckedContinuation<T, any Error>?
    private var early: Result<T, any Error>?

    func set(_ continuation: CheckedContinuation<T, any Error>) {
        lock.lock()
        if let early {
            lock.unlock()
            continuation.resume(with: early)
            return
        }
        self.continuation = continuation
        lock.unlock()
    }

    /// True when this call resumed the continuation (it was first).
    @discardableResult
    func resume(_ result: Result<T, any Error>) -> Bool {
        lock.lock()
        if let continuation {
            self.continuation = nil
            early = .failure(CancellationError())  // marks "done" for a late set()
            lock.unlock()
            continuation.resume(with: result)
            return true
        }
        if early == nil {
            early = result
            lock.unlock()
            return true
        }
        lock.unlock()
        return false
    }
}
