import DartConfig
import DartCore
import Logging
import ServiceLifecycle

/// Runs the configured jobs at their slots: a `Service` that sleeps on an injected clock until
/// the next due slot of any enabled job and hands it to a `JobRunner`.
///
/// Each slot is claimed in the state file before it runs, so it runs at most once across
/// restarts and crashes. Missed slots are caught up per job (`catch_up`, `catch_up_max`,
/// `max_lateness_minutes`) and the rest recorded as skipped; a job never overlaps itself
/// (`overlap: skip|queue`) while different jobs run concurrently; failed attempts are retried
/// with exponential backoff; a slot still unfinished at `slot + deadline_minutes` raises one
/// `DeadlineAlert`. Time comes only from `clock` (sleeping) and `now` (UTC seconds).
public final class Scheduler: Service, Sendable {
    /// Tuning that is not in settings.json.
    public struct Configuration: Sendable {
        /// Delay before the first retry; doubles for each further retry.
        public var retryBaseDelay: Duration
        /// Upper bound of the retry delay.
        public var retryMaxDelay: Duration
        /// How late a slot may be and still count as on time (not caught up) when the scheduler
        /// wakes for it. Matters for `catch_up: none`.
        public var onTimeGraceSeconds: Int64
        /// Longest single sleep: the scheduler re-reads `now` and the job switches at least this
        /// often, so wall-clock jumps and `schedule enable` from another process are noticed.
        public var recheckInterval: Duration
        /// Most missed slots of one job recorded as skipped after a long downtime; older ones are
        /// only counted in the log.
        public var maxSlotsRecordedPerCatchUp: Int

        public init(retryBaseDelay: Duration = .seconds(30), retryMaxDelay: Duration = .seconds(600),
                    onTimeGraceSeconds: Int64 = 60, recheckInterval: Duration = .seconds(60),
                    maxSlotsRecordedPerCatchUp: Int = 10_000) {
            self.retryBaseDelay = retryBaseDelay
            self.retryMaxDelay = retryMaxDelay
            self.onTimeGraceSeconds = onTimeGraceSeconds
            self.recheckInterval = recheckInterval
            self.maxSlotsRecordedPerCatchUp = maxSlotsRecordedPerCatchUp
        }
    }

    let settings: SchedulingSettings
    let schedules: [String: ScheduleSlots]
    let store: SchedulerStateStore
    let runner: any JobRunner
    let clock: any Clock<Duration>
    let now: @Sendable () -> Int64
    let alert: @Sendable (DeadlineAlert) async -> Void
    let observe: @Sendable (SchedulerEvent) -> Void
    let logger: Logger
    let configuration: Configuration
    let gate = JobGate()

    /// - Parameters:
    ///   - settings: the `scheduling` section: zone and jobs.
    ///   - store: the state file (`<data-dir>/scheduler.sqlite`).
    ///   - runner: what a slot runs (the pipeline).
    ///   - clock: what the scheduler sleeps on (`ContinuousClock()` in production, `TestClock` in tests).
    ///   - now: the current time in UTC seconds, consistent with `clock`.
    ///   - alert: called once per slot that misses its deadline.
    ///   - observe: told what happened (metrics, dashboard, tests); must return quickly.
    ///   - logger: receives structured logs with `job`, `slot_utc`, `attempt`.
    /// - Throws: `SchedulerError` when a job's schedule or the zone cannot be read.
    public init(settings: SchedulingSettings, store: SchedulerStateStore, runner: any JobRunner,
                clock: any Clock<Duration>, now: @escaping @Sendable () -> Int64,
                alert: @escaping @Sendable (DeadlineAlert) async -> Void,
                observe: @escaping @Sendable (SchedulerEvent) -> Void = { _ in },
                logger: Logger, configuration: Configuration = Configuration()) throws(SchedulerError) {
        var schedules: [String: ScheduleSlots] = [:]
        for job in settings.jobs {
            schedules[job.name] = try ScheduleSlots(job: job, timeZone: settings.timezone)
        }
        guard configuration.recheckInterval > .zero else {
            throw SchedulerError(.invalidArgument, value: "\(configuration.recheckInterval)",
                                 message: "recheckInterval must be positive")
        }
        self.settings = settings
        self.schedules = schedules
        self.store = store
        self.runner = runner
        self.clock = clock
        self.now = now
        self.alert = alert
        self.observe = observe
        self.logger = logger
        self.configuration = configuration
    }

    /// Runs `job` now, outside its schedule, as a manual slot keyed by the current time. A
    /// disabled job can be triggered. The overlap policy applies: a busy job skips or queues it.
    /// - Parameter retrain: overrides the job's `retrain` for this run.
    /// - Returns: how the run ended (`.queued` returns at once; the queued run follows the current one).
    /// - Throws: `SchedulerError.unknownJob`, or `.stateStore` when the claim cannot be written.
    public func trigger(job name: String, retrain: Bool? = nil) async throws(SchedulerError) -> RunOutcome {
        var job = try configuredJob(name)
        if let retrain { job.retrain = retrain }
        let slotUTC = now()
        guard let claimID = try store.claim(job: name, slotUTC: slotUTC, kind: .manual, nowUTC: slotUTC) else {
            logger.notice("manual run already claimed for this second; not run again",
                          metadata: ["job": "\(name)", "slot_utc": "\(UTCFormat.iso8601(slotUTC))"])
            return .alreadyClaimed
        }
        let outcomes = await execute(Dispatch(job: job, slots: [ClaimedSlot(slotUTC: slotUTC, claimID: claimID, kind: .manual)]))
        return outcomes.first ?? .alreadyClaimed
    }

    /// Turns a job on or off (persisted). Turning it on does not catch up the slots it missed
    /// while off. A job whose settings say `enabled: false` stays off either way.
    public func setEnabled(job name: String, enabled: Bool) throws(SchedulerError) {
        _ = try configuredJob(name)
        try store.setEnabled(job: name, enabled: enabled, nowUTC: now())
        logger.info("job \(enabled ? "enabled" : "disabled")", metadata: ["job": "\(name)"])
    }

    /// The next `count` slots of `job` strictly after `afterUTC` (default: now), with local and
    /// UTC text, for `schedule next JOB --count N --from TIME`.
    public func upcomingSlots(job name: String, count: Int, after afterUTC: Int64? = nil) throws(SchedulerError) -> [SlotDescription] {
        _ = try configuredJob(name)
        guard (1...10_000).contains(count) else {
            throw SchedulerError(.invalidArgument, job: name, value: "\(count)", message: "--count must be between 1 and 10000")
        }
        guard let slots = schedules[name] else { return [] }
        return slots.describeNext(after: afterUTC ?? now(), count: count)
    }

    /// Per job: switches, cursor and next slot, for `schedule status` and the dashboard.
    public func jobStatuses() throws(SchedulerError) -> [JobStatus] {
        let nowUTC = now()
        var result: [JobStatus] = []
        for job in settings.jobs {
            let state = try store.jobState(job.name)
            result.append(JobStatus(job: job.name, configuredEnabled: job.enabled, operatorEnabled: state?.enabled ?? true,
                                    lastSlotUTC: state?.lastSlotUTC, nextSlotUTC: schedules[job.name]?.nextSlot(after: nowUTC)))
        }
        return result
    }

    /// True while a slot or manual run of `job` is running (the HTTP API refuses a trigger that
    /// `overlap: skip` would drop).
    public func isRunning(job name: String) async -> Bool { await gate.isBusy(name) }

    /// The `scheduling` section this scheduler runs.
    public var schedulingSettings: SchedulingSettings { settings }

    /// The parsed schedule of `job`.
    /// - Throws: `SchedulerError.unknownJob`.
    public func slots(job name: String) throws(SchedulerError) -> ScheduleSlots {
        _ = try configuredJob(name)
        guard let slots = schedules[name] else { throw SchedulerError(.unknownJob, job: name, message: "job \(name) has no schedule") }
        return slots
    }

    func configuredJob(_ name: String) throws(SchedulerError) -> JobSettings {
        guard let job = settings.job(named: name) else {
            let known = settings.jobs.map(\.name).joined(separator: ", ")
            throw SchedulerError(.unknownJob, job: name, configKey: "scheduling.jobs", value: name,
                                 message: "no job named \"\(name)\"; configured jobs: \(known.isEmpty ? "none" : known)")
        }
        return job
    }
}

/// One job's switches and position, as `Scheduler.jobStatuses()` reports them.
public struct JobStatus: Hashable, Sendable {
    public let job: String
    /// `enabled` in settings.json.
    public let configuredEnabled: Bool
    /// The persisted operator switch.
    public let operatorEnabled: Bool
    public let lastSlotUTC: Int64?
    public let nextSlotUTC: Int64?

    /// True when the scheduler runs this job's slots.
    public var isActive: Bool { configuredEnabled && operatorEnabled }
}
