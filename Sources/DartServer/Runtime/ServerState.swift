import DartScheduler
import Foundation

/// What `/readyz` and the dashboard need to know about the process: whether the scheduler
/// loop has started and whether a drain is under way. Fed by the scheduler's `observe` hook.
public final class ServerState: @unchecked Sendable {
    private let lock = NSLock()
    private var schedulerStarted = false
    private var draining = false
    private var nextWakeUTC: Int64?

    public init() {}

    /// Pass as the scheduler's `observe:`; returns quickly.
    public func observe(_ event: SchedulerEvent) {
        if case .sleeping(let until) = event {
            lock.withLock {
                schedulerStarted = true
                nextWakeUTC = until
            }
        }
    }

    public func markDraining() { lock.withLock { draining = true } }

    public var isSchedulerStarted: Bool { lock.withLock { schedulerStarted } }
    public var isDraining: Bool { lock.withLock { draining } }
}
