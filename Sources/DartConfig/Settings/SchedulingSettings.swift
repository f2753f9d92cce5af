/// When jobs run. Schedules are read in `timezone`.
public struct SchedulingSettings: Hashable, Sendable {
    /// IANA zone the schedules are written in. Default `America/Chicago` (ERCOT's clock).
    public var timezone: String
    /// Jobs by name, in file order. Defaults: `daily_retrain`, `hourly_predict`, `ercot_fetch`.
    public var jobs: [JobSettings]

    public init(timezone: String = "America/Chicago", jobs: [JobSettings] = JobSettings.defaultJobs) {
        self.timezone = timezone
        self.jobs = jobs
    }

    public static let defaults = SchedulingSettings()

    /// The job with this name, if configured.
    public func job(named name: String) -> JobSettings? { jobs.first { $0.name == name } }
}

/// One scheduled job: which product it forecasts, when, and what to do about missed or slow runs.
public struct JobSettings: Hashable, Sendable {
    public enum Product: String, Hashable, Sendable, CaseIterable {
        /// 05:00 CT on D−1, all hours of D.
        case dayahead
        /// Every hour at :05, the next 24 delivery hours.
        case hourly
    }

    /// What to run after downtime, for slots whose time passed.
    public enum CatchUp: String, Hashable, Sendable, CaseIterable {
        /// Only the most recent missed slot.
        case latest
        /// Every missed slot, oldest first, up to `catchUpMax`.
        case all
        /// None; wait for the next slot.
        case none
    }

    /// What to do when a slot comes while the previous run still runs.
    public enum Overlap: String, Hashable, Sendable, CaseIterable {
        case skip
        case queue
    }

    /// What a job does at its slots.
    public enum Action: String, Hashable, Sendable, CaseIterable {
        /// A production run of `product` (ingest, features, train when due, predict, publish).
        case run
        /// Fetches new data from the remote market sources (ERCOT's API) into the store; nothing else.
        case fetch
    }

    public var name: String
    public var enabled: Bool
    public var action: Action
    /// Cron line or recurrence phrase as written; see `ScheduleExpression`.
    public var schedule: String
    public var product: Product
    /// Retrain the models before predicting.
    public var retrain: Bool
    public var catchUp: CatchUp
    /// Most missed slots run by one catch-up.
    public var catchUpMax: Int
    /// A slot older than this is not caught up.
    public var maxLatenessMinutes: Int
    public var overlap: Overlap
    /// Further attempts after a failed run.
    public var retries: Int
    /// A run still going this long after its slot raises one deadline alert; it is not cancelled.
    public var deadlineMinutes: Int

    public init(name: String, enabled: Bool = true, action: Action = .run, schedule: String, product: Product, retrain: Bool = false,
                catchUp: CatchUp = .latest, catchUpMax: Int = 1, maxLatenessMinutes: Int = 30,
                overlap: Overlap = .skip, retries: Int = 2, deadlineMinutes: Int = 30) {
        self.name = name
        self.enabled = enabled
        self.action = action
        self.schedule = schedule
        self.product = product
        self.retrain = retrain
        self.catchUp = catchUp
        self.catchUpMax = catchUpMax
        self.maxLatenessMinutes = maxLatenessMinutes
        self.overlap = overlap
        self.retries = retries
        self.deadlineMinutes = deadlineMinutes
    }

    /// The parsed schedule. Loading has checked it, so this fails only for hand-built settings.
    public var scheduleExpression: Result<ScheduleExpression, ScheduleSyntaxError> { ScheduleExpression.parse(schedule) }

    public static let dailyRetrain = JobSettings(
        name: "daily_retrain", schedule: "daily at 05:00", product: .dayahead, retrain: true,
        catchUp: .latest, catchUpMax: 1, maxLatenessMinutes: 180, overlap: .skip, retries: 2, deadlineMinutes: 120)
    public static let hourlyPredict = JobSettings(
        name: "hourly_predict", schedule: "hourly at :05", product: .hourly, retrain: false,
        catchUp: .latest, catchUpMax: 1, maxLatenessMinutes: 50, overlap: .skip, retries: 1, deadlineMinutes: 20)
    /// Every 5 minutes (ERCOT asks NP6-905-CD be read at most once per 5-minute interval); each
    /// call asks only for reports that are due (DAM after 13:30, forecasts hourly, RT always).
    /// Off by default: switch it on together with `sources.ercot` (it needs the credentials).
    public static let ercotFetch = JobSettings(
        name: "ercot_fetch", enabled: false, action: .fetch, schedule: "every 5 minutes", product: .hourly,
        catchUp: .latest, catchUpMax: 1, maxLatenessMinutes: 5, overlap: .skip, retries: 0, deadlineMinutes: 10)
    public static let defaultJobs = [dailyRetrain, hourlyPredict, ercotFetch]
}
