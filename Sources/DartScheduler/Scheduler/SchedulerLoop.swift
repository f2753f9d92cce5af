import DartConfig
import DartCore
import Logging
import ServiceLifecycle

extension Scheduler {
    /// Runs until the task is cancelled or a graceful shutdown starts. On graceful shutdown it
    /// stops starting slots and waits for running ones to finish; on cancellation running slots
    /// are cancelled too (a runner that throws `CancellationError` leaves its slot `interrupted`).
    /// - Throws: `SchedulerError.stateStore` when the state file cannot be read at start.
    public func run() async throws {
        let recovered = try store.recoverUnfinished(nowUTC: now())
        for claim in recovered {
            logger.warning("slot was not finished when the scheduler last stopped; recorded as interrupted, not re-run",
                           metadata: ["job": "\(claim.job)", "slot_utc": "\(UTCFormat.iso8601(claim.slotUTC))",
                                      "status": "\(claim.status.rawValue)", "attempt": "\(claim.attempts)"])
        }
        logger.info("scheduler started", metadata: ["timezone": "\(settings.timezone)",
                                                    "jobs": "\(settings.jobs.map(\.name).joined(separator: ","))"])
        await withDiscardingTaskGroup { group in
            while !Task.isCancelled && !Task.isShuttingDownGracefully {
                let nowUTC = now()
                for dispatch in dueDispatches(nowUTC: nowUTC) {
                    group.addTask { _ = await self.execute(dispatch) }
                }
                let nextSlotUTC = nextActiveSlot(after: nowUTC)
                observe(.sleeping(untilUTC: nextSlotUTC))
                let recheck = configuration.recheckInterval
                do {
                    try await cancelWhenGracefulShutdown {
                        try await self.nap(untilUTC: nextSlotUTC, atMost: recheck)
                    }
                } catch {
                    break  // cancelled or shutting down
                }
            }
            logger.info("scheduler stopping; waiting for running slots to finish")
        }
        logger.info("scheduler stopped")
    }

    /// Claims the due slots of every active job (recording the ones not run) and returns what to run.
    func dueDispatches(nowUTC: Int64) -> [Dispatch] {
        var dispatches: [Dispatch] = []
        for job in settings.jobs where job.enabled {
            do {
                if let dispatch = try planJob(job, nowUTC: nowUTC) { dispatches.append(dispatch) }
            } catch {
                logger.error("cannot plan slots; will retry at the next wake-up", metadata: ["job": "\(job.name)", "error": "\(error)"])
            }
        }
        return dispatches
    }

    private func planJob(_ job: JobSettings, nowUTC: Int64) throws(SchedulerError) -> Dispatch? {
        guard let slots = schedules[job.name] else { return nil }
        let state = try store.jobState(job.name)
        if state?.enabled == false { return nil }
        let lookBack = max(Int64(max(job.maxLatenessMinutes, 0)) * 60, configuration.onTimeGraceSeconds)
        // First start: nothing is known to have been missed before the lateness window.
        let cursor = state?.lastSlotUTC ?? (nowUTC - lookBack - 1)
        var due = slots.slots(from: cursor + 1, to: nowUTC + 1)
        guard let newest = due.last else { return nil }
        if due.count > configuration.maxSlotsRecordedPerCatchUp {
            logger.warning("long downtime: older missed slots are not recorded one by one",
                           metadata: ["job": "\(job.name)", "not_recorded": "\(due.count - configuration.maxSlotsRecordedPerCatchUp)"])
            due = Array(due.suffix(configuration.maxSlotsRecordedPerCatchUp))
        }
        let plan = CatchUpPlan(due: due, nowUTC: nowUTC, job: job, onTimeGraceSeconds: configuration.onTimeGraceSeconds)
        let claimed = try store.recordPlan(job: job.name, skipped: plan.skipped.map { ($0.slotUTC, $0.reason) },
                                           toRun: plan.toRun, cursorUTC: newest, nowUTC: nowUTC)
        reportSkipped(plan.skipped, job: job.name)
        let claimedSlots = Set(claimed.map(\.slotUTC))
        for slot in plan.toRun where !claimedSlots.contains(slot) {
            logger.notice("slot already claimed by an earlier run of the scheduler; not run again",
                          metadata: ["job": "\(job.name)", "slot_utc": "\(UTCFormat.iso8601(slot))"])
        }
        guard !claimed.isEmpty else { return nil }
        if plan.toRun.count > 1 || nowUTC - plan.toRun[0] > configuration.onTimeGraceSeconds {
            logger.info("catching up missed slots", metadata: ["job": "\(job.name)", "policy": "\(job.catchUp.rawValue)",
                                                               "slots": "\(claimed.map { UTCFormat.iso8601($0.slotUTC) })"])
        }
        return Dispatch(job: job, slots: claimed.map { ClaimedSlot(slotUTC: $0.slotUTC, claimID: $0.claimID, kind: .scheduled) })
    }

    private func reportSkipped(_ skipped: [CatchUpPlan.Skip], job: String) {
        for reason in [SkipReason.missed, .catchUp] {
            let slots = skipped.filter { $0.reason == reason }.map(\.slotUTC)
            guard let first = slots.first, let last = slots.last else { continue }
            logger.warning("slots not run (\(reason == .missed ? "older than max_lateness_minutes" : "not chosen by catch_up"))",
                           metadata: ["job": "\(job)", "reason": "\(reason.rawValue)", "count": "\(slots.count)",
                                      "first_slot_utc": "\(UTCFormat.iso8601(first))", "last_slot_utc": "\(UTCFormat.iso8601(last))"])
            observe(.skipped(job: job, slotsUTC: slots, reason: reason))
        }
    }

    /// The earliest next slot of any active job.
    func nextActiveSlot(after nowUTC: Int64) -> Int64? {
        var earliest: Int64?
        for job in settings.jobs where job.enabled {
            let operatorEnabled = (try? store.jobState(job.name))?.enabled ?? true
            guard operatorEnabled, let next = schedules[job.name]?.nextSlot(after: nowUTC) else { continue }
            earliest = min(earliest ?? next, next)
        }
        return earliest
    }

    /// Sleeps on the clock towards `targetUTC`, at most `limit`; may return early (callers re-check `now`).
    func nap(untilUTC targetUTC: Int64?, atMost limit: Duration) async throws {
        try await Self.nap(on: clock, now: now, untilUTC: targetUTC, atMost: limit)
    }

    private static func nap<C: Clock>(on clock: C, now: () -> Int64, untilUTC targetUTC: Int64?,
                                      atMost limit: Duration) async throws where C.Duration == Duration {
        // Read the clock before the UTC time: if time moves in between we wake early, never late.
        let start = clock.now
        var wait = limit
        if let targetUTC {
            wait = min(limit, .seconds(max(0, targetUTC - now())))
        }
        try await clock.sleep(until: start.advanced(by: wait), tolerance: nil)
    }
}
