import Clocks
import Foundation

/// Moves a swift-clocks `TestClock` for the scheduler tests, always from one task.
///
/// `TestClock` wakes sleeps only during an advance, and a sleep until exactly `now` waits for the
/// next one. The scheduler reads the time, may be overtaken by the test's advance, and then sleeps
/// until that very instant; so while no advance is asked for, the driver advances by zero about
/// every millisecond, which wakes such sleeps without moving time. All advances run on the
/// driver's task because two concurrent `TestClock` advances can set `now` back.
final class TestClockDriver: Sendable {
    private struct Request: Sendable {
        let duration: Duration
        let done: CheckedContinuation<Void, Never>
    }

    /// Requests waiting for the driver's task.
    private final class Queue: @unchecked Sendable {
        private let lock = NSLock()
        private var requests: [Request] = []
        private var isClosed = false

        /// False once the driver has stopped: the caller resumes the request itself.
        func push(_ request: Request) -> Bool {
            lock.withLock {
                guard !isClosed else { return false }
                requests.append(request)
                return true
            }
        }

        func pop() -> Request? { lock.withLock { requests.isEmpty ? nil : requests.removeFirst() } }

        /// Stops taking requests and hands back the ones still waiting.
        func close() -> [Request] {
            lock.withLock {
                isClosed = true
                defer { requests = [] }
                return requests
            }
        }
    }

    let clock: TestClock<Duration>
    private let queue: Queue
    private let task: Task<Void, Never>

    init() {
        let clock = TestClock<Duration>(), queue = Queue()
        self.clock = clock
        self.queue = queue
        task = Task {
            while !Task.isCancelled {
                if let request = queue.pop() {
                    await clock.advance(by: request.duration)
                    request.done.resume()
                } else {
                    await clock.advance(by: .zero)
                    try? await Task.sleep(for: .milliseconds(1))
                }
            }
            for request in queue.close() { request.done.resume() }
        }
    }

    deinit { task.cancel() }

    /// Moves time forward by `duration`, waking every sleep due by then (earliest first).
    func advance(by duration: Duration) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            if !queue.push(Request(duration: duration, done: continuation)) { continuation.resume() }
        }
    }
}
