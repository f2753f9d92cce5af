import DartRuns
import Foundation
import Logging

/// Keeps one run's record and saves it to the run store after every step change, so
/// `dartcast runs show` sees a running run's progress and a crash leaves the last state.
final class RunRecorder: @unchecked Sendable {
    private let lock = NSLock()
    private var current: RunRecord
    private let store: RunStore
    private let now: @Sendable () -> Date
    private let clock = ContinuousClock()
    private var started: [String: ContinuousClock.Instant] = [:]
    var logger: Logger

    /// - Parameter record: already in the store (`RunStore.insertNew`).
    init(record: RunRecord, store: RunStore, now: @escaping @Sendable () -> Date, logger: Logger) {
        current = record
        self.store = store
        self.now = now
        self.logger = logger
    }

    var record: RunRecord { lock.withLock { current } }
    var nowUTC: Int64 { Int64(now().timeIntervalSince1970) }

    func update(_ change: (inout RunRecord) -> Void) {
        let snapshot: RunRecord = lock.withLock {
            change(&current)
            return current
        }
        do {
            try store.save(snapshot)
        } catch {
            logger.error("could not save the run record", metadata: ["error": "\(error)"])
        }
    }

    private func edit(_ name: String, _ change: (inout StepRecord) -> Void) {
        update { record in
            if let index = record.steps.firstIndex(where: { $0.name == name }) {
                change(&record.steps[index])
            } else {
                var step = StepRecord(name: name)
                change(&step)
                record.steps.append(step)
            }
        }
    }

    func begin(_ name: String) {
        lock.withLock { started[name] = clock.now }
        let at = nowUTC
        edit(name) { $0.status = .running; $0.startedAtUTC = at }
        logger.info("step started", metadata: ["step": "\(name)"])
    }

    /// Finishes a begun step. `seconds` overrides the measured duration (for steps that ran inside another).
    func finish(_ name: String, error: String? = nil, detail: [String: String] = [:], seconds: Double? = nil) {
        let measured = lock.withLock { started[name].map { Self.seconds(started: $0, ended: clock.now) } }
        let at = nowUTC
        edit(name) { step in
            step.status = error == nil ? .succeeded : .failed
            step.finishedAtUTC = at
            step.durationSeconds = seconds ?? measured
            step.error = error
            step.detail.merge(detail) { $1 }
        }
        if let error {
            logger.error("step failed", metadata: ["step": "\(name)", "error": "\(error)"])
        } else {
            logger.info("step succeeded", metadata: ["step": "\(name)", "detail": "\(Self.text(detail))"])
        }
    }

    func skip(_ name: String, reason: String) {
        edit(name) { $0.status = .skipped; $0.detail["reason"] = reason }
        logger.info("step skipped", metadata: ["step": "\(name)", "reason": "\(reason)"])
    }

    /// Runs `body` as a step; its error is recorded and rethrown.
    func step<T>(_ name: String, _ body: () async throws -> (T, [String: String])) async throws -> T {
        begin(name)
        do {
            let (value, detail) = try await body()
            finish(name, detail: detail)
            return value
        } catch {
            finish(name, error: "\(error)")
            throw error
        }
    }

    /// `key=value key=value`, sorted by key, for log lines.
    static func text(_ facts: [String: String]) -> String {
        facts.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
    }

    static func seconds(started: ContinuousClock.Instant, ended: ContinuousClock.Instant) -> Double {
        let duration = started.duration(to: ended).components
        return Double(duration.seconds) + Double(duration.attoseconds) / 1e18
    }
}
