import DartConfig
import DartCore
import Logging
import ServiceLifecycle

extension Scheduler {
    /// Runs a dispatch under the job's overlap policy, then any dispatches queued behind it.
    /// - Returns: the outcome of each slot of `dispatch` (not of the queued ones).
    func execute(_ dispatch: Dispatch) async -> [RunOutcome] {
        let name = dispatch.job.name
        switch await gate.admit(dispatch) {
        case .refused:
            for slot in dispatch.slots {
                record(slotLogger(dispatch.job, slot)) { () throws(SchedulerError) in
                    try store.markFinished(claimID: slot.claimID, status: .skipped, reason: SkipReason.overlap.rawValue, nowUTC: now())
                }
                slotLogger(dispatch.job, slot).warning("slot skipped: the previous run of this job is still running (overlap: skip)")
                observe(.slotHandled(job: name, slotUTC: slot.slotUTC, kind: slot.kind, outcome: .skippedOverlap))
            }
            return dispatch.slots.map { _ in .skippedOverlap }
        case .queued:
            for slot in dispatch.slots {
                slotLogger(dispatch.job, slot).info("slot queued behind the running one (overlap: queue)")
                observe(.slotHandled(job: name, slotUTC: slot.slotUTC, kind: slot.kind, outcome: .queued))
            }
            return dispatch.slots.map { _ in .queued }
        case .run:
            let outcomes = await runSlots(of: dispatch)
            var queued = await gate.next(after: name)
            reportOutcomes(outcomes, of: dispatch)
            while let next = queued {
                let nextOutcomes = await runSlots(of: next)
                queued = await gate.next(after: name)
                reportOutcomes(nextOutcomes, of: next)
            }
            return outcomes
        }
    }

    private func reportOutcomes(_ outcomes: [RunOutcome], of dispatch: Dispatch) {
        for (slot, outcome) in zip(dispatch.slots, outcomes) {
            observe(.slotHandled(job: dispatch.job.name, slotUTC: slot.slotUTC, kind: slot.kind, outcome: outcome))
        }
    }

    /// Runs the slots one after another; once cancelled, the rest are recorded as interrupted.
    private func runSlots(of dispatch: Dispatch) async -> [RunOutcome] {
        var outcomes: [RunOutcome] = []
        for slot in dispatch.slots {
            if Task.isCancelled {
                let log = slotLogger(dispatch.job, slot)
                record(log) { () throws(SchedulerError) in
                    try store.markFinished(claimID: slot.claimID, status: .interrupted, reason: "cancelled before it started", nowUTC: now())
                }
                log.notice("slot not started: the scheduler is stopping")
                outcomes.append(.interrupted(attempts: 0))
            } else {
                outcomes.append(await runSlot(dispatch.job, slot))
            }
        }
        return outcomes
    }

    /// One slot: attempts with retries, watched by its deadline.
    private func runSlot(_ job: JobSettings, _ slot: ClaimedSlot) async -> RunOutcome {
        let log = slotLogger(job, slot)
        let progress = AttemptProgress()
        let deadlineUTC = slot.slotUTC + Int64(max(job.deadlineMinutes, 0)) * 60
        return await withTaskGroup(of: Void.self, returning: RunOutcome.self) { group in
            group.addTask {
                await self.watchDeadline(job, slot, deadlineUTC: deadlineUTC, progress: progress, log: log)
            }
            let outcome = await runAttempts(job, slot, progress: progress, log: log)
            group.cancelAll()
            return outcome
        }
    }

    private func runAttempts(_ job: JobSettings, _ slot: ClaimedSlot, progress: AttemptProgress, log: Logger) async -> RunOutcome {
        let totalAttempts = max(job.retries, 0) + 1
        var lastError = ""
        for attempt in 1...totalAttempts {
            var attemptLog = log
            attemptLog[metadataKey: "attempt"] = "\(attempt)"
            if Task.isCancelled { return finish(slot, .interrupted(attempts: attempt - 1), log: attemptLog) }
            await progress.set(attempt)
            record(attemptLog) { () throws(SchedulerError) in
                try store.markAttemptStarted(claimID: slot.claimID, attempt: attempt, nowUTC: now())
            }
            attemptLog.info("run started")
            do {
                try await runner.run(job: job, slotUTC: slot.slotUTC, attempt: attempt)
                return finish(slot, .succeeded(attempts: attempt), log: attemptLog)
            } catch is CancellationError {
                return finish(slot, .interrupted(attempts: attempt), log: attemptLog)
            } catch {
                lastError = String(describing: error)
                guard attempt < totalAttempts else { break }
                let delay = retryDelay(afterAttempt: attempt)
                attemptLog.warning("run failed; retrying", metadata: ["error": "\(lastError)", "retry_in": "\(delay)"])
                // A drain (SIGTERM) ends the backoff: no retry starts once the process is stopping.
                let clock = self.clock
                do {
                    try await cancelWhenGracefulShutdown { try await clock.sleep(for: delay) }
                } catch {
                    attemptLog.notice("retry not started: the scheduler is stopping")
                    return finish(slot, .interrupted(attempts: attempt), log: attemptLog)
                }
                if Task.isShuttingDownGracefully {
                    attemptLog.notice("retry not started: the scheduler is stopping")
                    return finish(slot, .interrupted(attempts: attempt), log: attemptLog)
                }
            }
        }
        return finish(slot, .failed(attempts: totalAttempts, message: lastError), log: log)
    }

    /// `retryBaseDelay × 2^(attempt−1)`, at most `retryMaxDelay`.
    func retryDelay(afterAttempt attempt: Int) -> Duration {
        let doublings = min(attempt - 1, 30)
        return min(configuration.retryBaseDelay * (1 << doublings), configuration.retryMaxDelay)
    }

    /// Records the final status and logs it.
    private func finish(_ slot: ClaimedSlot, _ outcome: RunOutcome, log: Logger) -> RunOutcome {
        let status: SlotStatus
        var reason: String?
        switch outcome {
        case .succeeded:
            status = .succeeded
            log.info("run succeeded")
        case .failed(let attempts, let message):
            status = .failed
            reason = message
            log.error("run failed; no retries left", metadata: ["attempts": "\(attempts)", "error": "\(message)"])
        default:
            status = .interrupted
            reason = "cancelled"
            log.notice("run interrupted by cancellation")
        }
        record(log) { () throws(SchedulerError) in
            try store.markFinished(claimID: slot.claimID, status: status, reason: reason, nowUTC: now())
        }
        return outcome
    }

    /// Waits for the deadline; if the slot is still unfinished then, alerts once.
    private func watchDeadline(_ job: JobSettings, _ slot: ClaimedSlot, deadlineUTC: Int64,
                               progress: AttemptProgress, log: Logger) async {
        do {
            while now() < deadlineUTC {
                try await nap(untilUTC: deadlineUTC, atMost: .seconds(86_400))
            }
        } catch {
            return  // the run finished first
        }
        guard !Task.isCancelled else { return }
        let firstAlert: Bool
        do {
            firstAlert = try store.markDeadlineAlerted(claimID: slot.claimID)
        } catch {
            log.error("cannot record the deadline alert; alerting anyway", metadata: ["error": "\(error)"])
            firstAlert = true
        }
        guard firstAlert else { return }
        let deadlineAlert = DeadlineAlert(job: job.name, slotUTC: slot.slotUTC, kind: slot.kind,
                                          deadlineUTC: deadlineUTC, attempt: await progress.attempt)
        log.warning("slot not finished by its deadline", metadata: ["deadline_utc": "\(UTCFormat.iso8601(deadlineUTC))",
                                                                    "attempt": "\(deadlineAlert.attempt)"])
        await alert(deadlineAlert)
    }

    func slotLogger(_ job: JobSettings, _ slot: ClaimedSlot) -> Logger {
        var log = logger
        log[metadataKey: "job"] = "\(job.name)"
        log[metadataKey: "slot_utc"] = "\(UTCFormat.iso8601(slot.slotUTC))"
        log[metadataKey: "kind"] = "\(slot.kind.rawValue)"
        return log
    }

    /// State-file writes during a run are logged when they fail, never allowed to stop the run.
    private func record(_ log: Logger, _ write: () throws(SchedulerError) -> Void) {
        do { try write() } catch { log.error("cannot update the scheduler state file", metadata: ["error": "\(error)"]) }
    }
}

/// The attempt in progress, shared with the deadline watch.
actor AttemptProgress {
    private(set) var attempt = 0
    func set(_ value: Int) { attempt = value }
}
