import Clocks
import DartConfig
import DartCore
import Foundation
import Logging
@testable import DartScheduler

/// A list that tests can wait on: appended from any task, awaited until enough matching items arrive.
final class WaitableLog<Element: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [Element] = []
    private var waiters: [(count: Int, matches: @Sendable (Element) -> Bool, continuation: CheckedContinuation<Void, Never>)] = []

    func append(_ item: Element) {
        lock.lock()
        items.append(item)
        var ready: [CheckedContinuation<Void, Never>] = []
        waiters.removeAll { waiter in
            guard items.filter(waiter.matches).count >= waiter.count else { return false }
            ready.append(waiter.continuation)
            return true
        }
        lock.unlock()
        ready.forEach { $0.resume() }
    }

    var all: [Element] {
        lock.lock()
        defer { lock.unlock() }
        return items
    }

    /// Returns once at least `count` items match (the test's time limit guards against never).
    func wait(forCount count: Int = 1, where matches: @escaping @Sendable (Element) -> Bool = { _ in true }) async {
        await withCheckedContinuation { continuation in
            lock.lock()
            if items.filter(matches).count >= count {
                lock.unlock()
                continuation.resume()
                return
            }
            waiters.append((count, matches, continuation))
            lock.unlock()
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

/// A scheduler on a `TestClock`, with `now` derived from the same clock, a state file, a runner
/// whose behaviour the test chooses, and logs of calls, events and alerts to wait on.
final class SchedulerHarness: Sendable {
    let clock: TestClock<Duration>
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
        let clock = TestClock<Duration>()
        let origin = clock.now
        let now: @Sendable () -> Int64 = { startUTC + origin.duration(to: clock.now).components.seconds }
        self.clock = clock
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
        var logger = Logger(label: "scheduler-test") { _ in SwiftLogNoOpLogHandler() }
        logger.logLevel = .critical
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
        await clock.advance(by: .seconds(target - nowUTC))
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
