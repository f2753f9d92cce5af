import DartConfig

/// Which due slots of one job run and which are recorded as skipped.
///
/// Due slots are those after the job's cursor and not later than now. A slot older than
/// `max_lateness_minutes` is skipped as `missed`. Of the rest, `latest` runs the most recent,
/// `all` runs the oldest `catch_up_max` (oldest first), and `none` runs only a slot that is on
/// time (within `onTimeGraceSeconds`, the normal case of waking for it); the others are skipped
/// as `catch_up`.
public struct CatchUpPlan: Hashable, Sendable {
    /// Slots to run, oldest first.
    public let toRun: [Int64]
    /// Slots not to run, oldest first, with the reason.
    public let skipped: [Skip]

    public struct Skip: Hashable, Sendable {
        public let slotUTC: Int64
        public let reason: SkipReason
    }

    /// - Parameters:
    ///   - due: due slots, ascending.
    ///   - nowUTC: the current time.
    ///   - onTimeGraceSeconds: how late a slot may be and still count as on time rather than missed.
    public init(due: [Int64], nowUTC: Int64, job: JobSettings, onTimeGraceSeconds: Int64) {
        let maxLateness = Int64(max(job.maxLatenessMinutes, 0)) * 60
        var skipped: [Skip] = []
        var candidates: [Int64] = []
        for slot in due {
            if nowUTC - slot > max(maxLateness, onTimeGraceSeconds) {
                skipped.append(Skip(slotUTC: slot, reason: .missed))
            } else {
                candidates.append(slot)
            }
        }
        let chosen: ArraySlice<Int64>
        switch job.catchUp {
        case .latest: chosen = candidates.suffix(1)
        case .all: chosen = candidates.prefix(max(job.catchUpMax, 1))
        case .none: chosen = candidates.filter { nowUTC - $0 <= onTimeGraceSeconds }.suffix(1)
        }
        let chosenSet = Set(chosen)
        for slot in candidates where !chosenSet.contains(slot) { skipped.append(Skip(slotUTC: slot, reason: .catchUp)) }
        skipped.sort { $0.slotUTC < $1.slotUTC }
        toRun = Array(chosen)
        self.skipped = skipped
    }
}
