import DartServer
import Foundation

/// Runs work that may block inside one step (training, prediction on a dispatch queue) so
/// the caller returns as soon as it is cancelled: the work is cancelled too and stops at its
/// next cancellation check; its result is then dropped.
enum CancellableWork {
    static func run<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) async throws -> T {
        let outcome = FirstOutcome<T>()
        let work = Task { outcome.resume(with: await Result(asyncCatching: body)) }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in outcome.attach(continuation) }
        } onCancel: {
            work.cancel()
            outcome.resume(with: .failure(CancellationError()))
        }
    }
}

/// Resumes a continuation once with whichever outcome comes first, even if it comes before
/// the continuation is attached.
private final class FirstOutcome<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var continuation: CheckedContinuation<T, any Error>?
    private var early: Result<T, any Error>?
    private var done = false

    func attach(_ continuation: CheckedContinuation<T, any Error>) {
        let ready: Result<T, any Error>? = lock.withLock {
            if let early { return early }
            self.continuation = continuation
            return nil
        }
        if let ready { continuation.resume(with: ready) }
    }

    func resume(with result: Result<T, any Error>) {
        let waiting: CheckedContinuation<T, any Error>? = lock.withLock {
            guard !done else { return nil }
            done = true
            if let continuation { return continuation }
            early = result
            return nil
        }
        waiting?.resume(with: result)
    }
}

extension Result where Failure == any Error {
    init(asyncCatching body: () async throws -> Success) async {
        do { self = .success(try await body()) } catch { self = .failure(error) }
    }
}
