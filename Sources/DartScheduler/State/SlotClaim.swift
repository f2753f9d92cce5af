/// Where a claimed slot stands. Every row starts as `claimed` (or directly `skipped`).
public enum SlotStatus: String, Hashable, Sendable, CaseIterable {
    /// Written before anything runs: the slot belongs to this claim and is never run again.
    case claimed
    /// An attempt is in progress.
    case running
    case succeeded
    /// All attempts failed.
    case failed
    /// Not run: see `reason` (`overlap`, `missed`, `catch_up`).
    case skipped
    /// The process stopped (crash, cancellation) before the run finished; not re-run.
    case interrupted

    /// True when no further change is expected.
    public var isFinal: Bool { self != .claimed && self != .running }
}

/// Scheduled slots come from the schedule; manual ones from `trigger`, keyed by the trigger time.
public enum SlotKind: String, Hashable, Sendable {
    case scheduled
    case manual
}

/// Why a slot was recorded as skipped.
public enum SkipReason: String, Hashable, Sendable {
    /// The same job was still running and its overlap policy is `skip`.
    case overlap
    /// Older than `max_lateness_minutes` when the scheduler got to it.
    case missed
    /// Within lateness but not chosen by the catch-up policy (`latest`, `all` beyond its max, `none`).
    case catchUp = "catch_up"
}

/// One row of `slot_claims`.
public struct SlotClaim: Hashable, Sendable {
    public let id: Int64
    public let job: String
    public let slotUTC: Int64
    public let kind: SlotKind
    public let status: SlotStatus
    /// Attempts started so far.
    public let attempts: Int
    /// For skipped slots, why; for failed ones, the last error's description.
    public let reason: String?
    public let claimedAtUTC: Int64
    public let startedAtUTC: Int64?
    public let finishedAtUTC: Int64?
    public let deadlineAlerted: Bool
}

/// A job's persisted switch and catch-up cursor.
public struct JobState: Hashable, Sendable {
    public let job: String
    /// Operator switch (`schedule enable|disable`); a job runs only if this and its settings say so.
    public let enabled: Bool
    /// The latest scheduled slot already handled (claimed or recorded as skipped); catch-up looks after it.
    public let lastSlotUTC: Int64?
}
