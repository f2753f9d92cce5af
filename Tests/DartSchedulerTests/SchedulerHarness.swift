import DartConfig
import DartCore
import Foundation
import Logging
@testable import DartScheduler

/// A list that tests can wait on: appended from any task, awaited until enough matching items
/// arrive. A cancelled wait (the test's time limit) returns, so a broken test fails instead of hanging.
final class WaitableLog<Element: Sendable>: @unchecked Sendable {
    private struct Waiter {
        let count: Int
        let matches: @Sendable (Element) -> Bool
        let continuation: CheckedContinuation<Void, Never>
    }

    private let lock = NSLock()
    private var items: [Element] = []
    private var waiters: [UUID: Waiter] = [:]

    func append(_ item: Element) {
        let ready: [Waiter] = lock.withLock {
            items.append(item)
            let readyIDs = waiters.filter { items.filter($0.value.matches).count >= $0.value.count }.map(\.key)
            return readyIDs.compactMap { waiters.removeValue(forKey: $0) }
        }
        ready.forEach { $0.continuation.resume() }
    }

    var all: [Element] { lock.withLock { items } }

    /// Returns once at least `count` items match, or when the waiting task is cancelled.
    func wait(forCount count: Int = 1, where matches: @escaping @Sendable (Element) -> Bool = { _ in true }) async {
        let id = UUID()
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                lock.lock()
                if Task.isCancelled || items.filter(matches).count >= count {
                    lock.unlock()
                    continuation.resume()
                    return
                }
                waiters[id] = Waiter(count: count, matches: matches, continuation: continuation)
                lock.unlock()
            }
        } onCancel: {
            let waiter = lock.withLock { waiters.removeValue(forKey: id) }
            waiter?.continuation.resume()
        }
    }
}

/// A gate a runner waits at until the test opens it.
actor Latch {
    private var isOpen = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    func wait() async {
        if isOpen { return }
        await withCheckedContinuation { waiting.append($0) }
    }

    func open() {
        isOpen = true
        waiting.forEach { $0.resume() }
        waiting = []
    }
}

/// One call the scheduler made to the runner.
struct RunnerCall: Hashable, Sendable {
    let job: String
    let slotUTC: Int64
    let attempt: Int
    let retrain: Bool
    /// UTC time (from the test clock) when the call started.
    let calledAtUTC: Int64
}

/// A scheduler on a swift-clocks `TestClock` (moved by a `TestClockDriver`), with `now` derived
/// from the same clock, a state file, a runner whose behaviour the test chooses, and logs of calls,
/// events and alerts to wait on.
final class SchedulerHarness: Sendable {
    /// Advance through `advance(toUTC:)` or `advance(by:)` only: the driver serializes advances.
    private let driver: TestClockDriver
    let startUTC: Int64
    let statePath: String
    let store: SchedulerStateStore
    let calls = WaitableLog<RunnerCall>()
    let events = WaitableLog<SchedulerEvent>()
    let alerts = WaitableLog<DeadlineAlert>()
    let scheduler: Scheduler

    /// - Parameter behaviour: what the runner does after recording the call (default: succeed).
    init(startUTC: Int64, jobs: [JobSettings], statePath: String = temporaryStatePath(),
         configuration: Scheduler.Configuration = Scheduler.Configuration(recheckInterval: .seconds(86_400)),
         behaviour: @escaping @Sendable (RunnerCall) async throws -> Void = { _ in }) throws {
        let driver = TestClockDriver()
        let clock = driver.clock
        let origin = clock.now
        let now: @Sendable () -> Int64 = { startUTC + origin.duration(to: clock.now).components.seconds }
        self.driver = driver
        self.now = now
        self.startUTC = startUTC
        self.statePath = statePath
        store = try SchedulerStateStore(path: statePath)
        let calls = calls, events = events, alerts = alerts
        let runner = ClosureJobRunner { job, slotUTC, attempt in
            let call = RunnerCall(job: job.name, slotUTC: slotUTC, attempt: attempt, retrain: job.retrain, calledAtUTC: now())
            calls.append(call)
            try await behaviour(call)
        }
        // SCHEDULER_TEST_LOG=1 prints the scheduler's logs when debugging a test.
        let verbose = ProcessInfo.processInfo.environment["SCHEDULER_TEST_LOG"] != nil
        var logger = Logger(label: "scheduler-test") { label -> any LogHandler in
            verbose ? StreamLogHandler.standardError(label: label) : SwiftLogNoOpLogHandler()
        }
        logger.logLevel = verbose ? .trace : .critical
        scheduler = try Scheduler(settings: SchedulingSettings(timezone: "America/Chicago", jobs: jobs), store: store,
                                  runner: runner, clock: clock, now: now,
                                  alert: { alerts.append($0) }, observe: { events.append($0) },
                                  logger: logger, configuration: configuration)
    }

    /// The scheduler's `now`: `startUTC` plus the time the test clock has advanced.
    let now: @Sendable () -> Int64
    var nowUTC: Int64 { now() }

    /// Moves the test clock (and so `now`) forward to `target`.
    func advance(toUTC target: Int64) async {
        precondition(target >= nowUTC, "the test clock only moves forward")
        await driver.advance(by: .seconds(target - nowUTC))
    }

    /// Moves the test clock (and so `now`) forward by `duration`.
    func advance(by duration: Duration) async {
        await driver.advance(by: duration)
    }

    /// Waits until `count` slots have been handled (succeeded, failed, skipped for overlap, …).
    func waitForHandled(_ count: Int, job: String? = nil) async {
        await events.wait(forCount: count) { event in
            guard case .slotHandled(let name, _, _, _) = event else { return false }
            return job == nil || job == name
        }
    }

    /// Waits until the scheduler has planned `count` times (it reports sleeping after each plan).
    func waitForSleeps(_ count: Int) async {
        await events.wait(forCount: count) { if case .sleeping = $0 { true } else { false } }
    }

    var handledOutcomes: [RunOutcome] {
        events.all.compactMap { if case .slotHandled(_, _, _, let outcome) = $0 { outcome } else { nil } }
    }
}

/// A job with test-chosen policies (defaults as in settings).
func job(_ name: String = "hourly_predict", schedule: String = "hourly at :05", catchUp: JobSettings.CatchUp = .latest,
         catchUpMax: Int = 1, maxLatenessMinutes: Int = 50, overlap: JobSettings.Overlap = .skip, retries: Int = 1,
         deadlineMinutes: Int = 20, retrain: Bool = false) -> JobSettings {
    JobSettings(name: name, schedule: schedule, product: name == "daily_retrain" ? .dayahead : .hourly, retrain: retrain,
                catchUp: catchUp, catchUpMax: catchUpMax, maxLatenessMinutes: maxLatenessMinutes, overlap: overlap,
                retries: retries, deadlineMinutes: deadlineMinutes)
}
