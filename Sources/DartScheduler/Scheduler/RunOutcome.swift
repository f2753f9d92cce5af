import DartCore

/// How a dispatched slot ended, as reported by `trigger` and in `SchedulerEvent.slotHandled`.
public enum RunOutcome: Hashable, Sendable {
    case succeeded(attempts: Int)
    /// Every attempt failed; `message` is the last error's description.
    case failed(attempts: Int, message: String)
    /// Cancelled (shutdown or the runner threw `CancellationError`) before it finished.
    case interrupted(attempts: Int)
    /// The job was busy and its overlap policy is `skip`.
    case skippedOverlap
    /// The job was busy and its overlap policy is `queue`: it runs after the current run.
    case queued
    /// This slot was already claimed; nothing was run.
    case alreadyClaimed
}

extension RunOutcome: CustomStringConvertible {
    /// For people (logs, `dartcast trigger`): `failed after 2 attempts: …`, never a Swift enum dump.
    public var description: String {
        switch self {
        case .succeeded(let attempts): "succeeded" + Self.after(attempts)
        case .failed(let attempts, let message): "failed" + Self.after(attempts) + ": \(message)"
        case .interrupted(let attempts): "interrupted" + Self.after(attempts)
        case .skippedOverlap: "skipped: the job was still running (overlap skip)"
        case .queued: "queued: runs after the job's current run (overlap queue)"
        case .alreadyClaimed: "not run: this slot was already claimed"
        }
    }

    private static func after(_ attempts: Int) -> String {
        attempts == 1 ? "" : " after \(attempts) attempts"
    }
}

/// Sent once when a slot has not finished by `slot + deadline_minutes`.
public struct DeadlineAlert: Hashable, Sendable, CustomStringConvertible {
    public let job: String
    public let slotUTC: Int64
    public let kind: SlotKind
    /// `slotUTC + deadline_minutes`.
    public let deadlineUTC: Int64
    /// The attempt in progress when the deadline passed.
    public let attempt: Int

    public init(job: String, slotUTC: Int64, kind: SlotKind, deadlineUTC: Int64, attempt: Int) {
        self.job = job
        self.slotUTC = slotUTC
        self.kind = kind
        self.deadlineUTC = deadlineUTC
        self.attempt = attempt
    }

    public var description: String {
        "\(job) \(kind.rawValue) slot \(UTCFormat.iso8601(slotUTC)) not finished by its deadline \(UTCFormat.iso8601(deadlineUTC)) (attempt \(attempt))"
    }
}

/// What the scheduler did, for metrics, the dashboard and tests.
public enum SchedulerEvent: Hashable, Sendable {
    /// About to sleep; `untilUTC` is the next slot of any enabled job (nil when none fires again).
    case sleeping(untilUTC: Int64?)
    /// Slots recorded as skipped without running (lateness, catch-up policy or overlap).
    case skipped(job: String, slotsUTC: [Int64], reason: SkipReason)
    /// A claimed slot ended, was skipped for overlap, or was queued.
    case slotHandled(job: String, slotUTC: Int64, kind: SlotKind, outcome: RunOutcome)
}
