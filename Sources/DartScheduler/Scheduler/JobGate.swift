import DartConfig

/// One claimed slot waiting to run or running.
struct ClaimedSlot: Hashable, Sendable {
    let slotUTC: Int64
    let claimID: Int64
    let kind: SlotKind
}

/// Slots of one job handed to one task, run one after another.
struct Dispatch: Sendable {
    let job: JobSettings
    let slots: [ClaimedSlot]
}

/// Keeps each job to one run at a time: a dispatch for a busy job is refused (`skip`) or
/// queued behind the current run (`queue`). Different jobs never wait for each other.
actor JobGate {
    enum Admission { case run, queued, refused }

    private var busyJobs: Set<String> = []
    private var waiting: [String: [Dispatch]] = [:]

    func admit(_ dispatch: Dispatch) -> Admission {
        let name = dispatch.job.name
        guard busyJobs.contains(name) else {
            busyJobs.insert(name)
            return .run
        }
        guard dispatch.job.overlap == .queue else { return .refused }
        waiting[name, default: []].append(dispatch)
        return .queued
    }

    /// True while a run of `job` is in progress.
    func isBusy(_ job: String) -> Bool { busyJobs.contains(job) }

    /// Called when the current run of `job` ends: the next queued dispatch (the job stays busy
    /// and the caller runs it), or nil (the job is free).
    func next(after job: String) -> Dispatch? {
        if var queue = waiting[job], !queue.isEmpty {
            let first = queue.removeFirst()
            waiting[job] = queue
            return first
        }
        busyJobs.remove(job)
        return nil
    }
}
