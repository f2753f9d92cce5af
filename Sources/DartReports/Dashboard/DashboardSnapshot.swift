/// Everything the dashboard shows, as plain data: the loader fills it from the stores, the
/// renderer turns it into HTML without touching anything else. Times are UTC seconds; local
/// texts are preformatted by the loader (it knows the market time zone).
public struct DashboardSnapshot: Sendable, Hashable {
    public struct SlotTime: Sendable, Hashable {
        /// `2025-11-02 01:05 -05:00`.
        public var local: String
        /// `2025-11-02T06:05:00Z`.
        public var utc: String
        public init(local: String, utc: String) {
            self.local = local
            self.utc = utc
        }
    }

    public struct Schedule: Sendable, Hashable {
        public var job: String
        public var expression: String
        public var product: String
        public var retrain: Bool
        /// Settings and operator switch both on.
        public var active: Bool
        public var nextRuns: [SlotTime]
        public var lastSlot: SlotTime?
        /// Why the next runs are unknown (bad schedule), if so.
        public var problem: String?
        public init(job: String, expression: String, product: String, retrain: Bool, active: Bool, nextRuns: [SlotTime],
                    lastSlot: SlotTime? = nil, problem: String? = nil) {
            self.job = job
            self.expression = expression
            self.product = product
            self.retrain = retrain
            self.active = active
            self.nextRuns = nextRuns
            self.lastSlot = lastSlot
            self.problem = problem
        }
    }

    public struct Run: Sendable, Hashable {
        public var runID: String
        public var job: String
        public var product: String
        /// `running`, `succeeded`, `degraded`, `failed`, `interrupted`, `skipped`.
        public var status: String
        public var startedAtUTC: Int64
        public var durationSeconds: Double?
        /// Failed steps or the run's error (our own messages, no secrets).
        public var error: String?
        public init(runID: String, job: String, product: String, status: String, startedAtUTC: Int64, durationSeconds: Double?,
                    error: String? = nil) {
            self.runID = runID
            self.job = job
            self.product = product
            self.status = status
            self.startedAtUTC = startedAtUTC
            self.durationSeconds = durationSeconds
            self.error = error
        }
    }

    public struct ForecastHour: Sendable, Hashable {
        public var targetUTC: Int64
        /// Axis label, e.g. `HE 7` or `11-29 HE 7`.
        public var label: String
        public var p10: Double?
        public var p50: Double
        public var p90: Double?
        /// Realized DART when known at the snapshot time.
        public var realized: Double?
        public init(targetUTC: Int64, label: String, p10: Double?, p50: Double, p90: Double?, realized: Double?) {
            self.targetUTC = targetUTC
            self.label = label
            self.p10 = p10
            self.p50 = p50
            self.p90 = p90
            self.realized = realized
        }
    }

    public struct PointForecast: Sendable, Hashable {
        public var point: String
        public var hours: [ForecastHour]
        public init(point: String, hours: [ForecastHour]) {
            self.point = point
            self.hours = hours
        }
    }

    /// One issue of one product by one model line (the latest, or the latest already realized).
    public struct Forecast: Sendable, Hashable {
        public var product: String
        public var issueUTC: Int64
        /// `ensemble` or a family, with its version.
        public var model: String
        /// What this forecast is, e.g. `Latest` or `Latest with realized DART`.
        public var caption: String
        public var points: [PointForecast]
        public init(product: String, issueUTC: Int64, model: String, caption: String = "Latest", points: [PointForecast]) {
            self.product = product
            self.issueUTC = issueUTC
            self.model = model
            self.caption = caption
            self.points = points
        }
    }

    public struct ModelVersion: Sendable, Hashable {
        public var family: String
        public var product: String
        public var version: String
        public var createdAtUTC: Int64
        public var isChampion: Bool
        public var trainingFromUTC: Int64
        public var trainingToUTC: Int64
        public var validationMAE: Double?
        public var validationZeroMAE: Double?
        public init(family: String, product: String, version: String, createdAtUTC: Int64, isChampion: Bool,
                    trainingFromUTC: Int64, trainingToUTC: Int64, validationMAE: Double? = nil, validationZeroMAE: Double? = nil) {
            self.family = family
            self.product = product
            self.version = version
            self.createdAtUTC = createdAtUTC
            self.isChampion = isChampion
            self.trainingFromUTC = trainingFromUTC
            self.trainingToUTC = trainingToUTC
            self.validationMAE = validationMAE
            self.validationZeroMAE = validationZeroMAE
        }
    }

    /// Live rolling score of a model line (all its versions).
    public struct Score: Sendable, Hashable {
        public var product: String
        public var family: String
        public var windowDays: Int
        /// Last operating day in the window, `2024-11-29`.
        public var endDay: String
        public var rows: Int
        public var mae: Double
        public var zeroMAE: Double
        public init(product: String, family: String, windowDays: Int, endDay: String, rows: Int, mae: Double, zeroMAE: Double) {
            self.product = product
            self.family = family
            self.windowDays = windowDays
            self.endDay = endDay
            self.rows = rows
            self.mae = mae
            self.zeroMAE = zeroMAE
        }
        public var skill: Double? { zeroMAE > 0 ? mae / zeroMAE : nil }
    }

    public struct Drift: Sendable, Hashable {
        public var product: String
        public var feature: String
        public var psi: Double?
        public init(product: String, feature: String, psi: Double?) {
            self.product = product
            self.feature = feature
            self.psi = psi
        }
    }

    public struct Alert: Sendable, Hashable {
        public var kind: String
        public var subject: String
        public var value: Double
        public var threshold: Double
        public var message: String
        public var firstSeenUTC: Int64
        public var lastSeenUTC: Int64
        public var notified: Bool
        public init(kind: String, subject: String, value: Double, threshold: Double, message: String, firstSeenUTC: Int64,
                    lastSeenUTC: Int64, notified: Bool) {
            self.kind = kind
            self.subject = subject
            self.value = value
            self.threshold = threshold
            self.message = message
            self.firstSeenUTC = firstSeenUTC
            self.lastSeenUTC = lastSeenUTC
            self.notified = notified
        }
    }

    public struct Delivery: Sendable, Hashable {
        public var runID: String
        public var target: String
        public var attempts: Int
        public var lastError: String?
        public var updatedAtUTC: Int64
        public init(runID: String, target: String, attempts: Int, lastError: String?, updatedAtUTC: Int64) {
            self.runID = runID
            self.target = target
            self.attempts = attempts
            self.lastError = lastError
            self.updatedAtUTC = updatedAtUTC
        }
    }

    public var generatedAtUTC: Int64
    /// `2024-11-29 10:00 -06:00`.
    public var generatedAtLocal: String
    /// IANA name of the zone local times are in.
    public var timeZone: String
    public var schedules: [Schedule]
    public var runs: [Run]
    public var forecasts: [Forecast]
    /// The point shown large (`?point=`); nil shows the first.
    public var selectedPoint: String?
    public var models: [ModelVersion]
    public var scores: [Score]
    public var drift: [Drift]
    public var psiThreshold: Double
    public var alerts: [Alert]
    public var pendingDeliveries: [Delivery]
    /// Sections that could not be loaded, with why (shown, not hidden).
    public var problems: [String]
    /// Seconds between automatic page refreshes; nil for none.
    public var refreshSeconds: Int?

    public init(generatedAtUTC: Int64, generatedAtLocal: String, timeZone: String, schedules: [Schedule] = [], runs: [Run] = [],
                forecasts: [Forecast] = [], selectedPoint: String? = nil, models: [ModelVersion] = [], scores: [Score] = [],
                drift: [Drift] = [], psiThreshold: Double = 0.2, alerts: [Alert] = [], pendingDeliveries: [Delivery] = [],
                problems: [String] = [], refreshSeconds: Int? = nil) {
        self.generatedAtUTC = generatedAtUTC
        self.generatedAtLocal = generatedAtLocal
        self.timeZone = timeZone
        self.schedules = schedules
        self.runs = runs
        self.forecasts = forecasts
        self.selectedPoint = selectedPoint
        self.models = models
        self.scores = scores
        self.drift = drift
        self.psiThreshold = psiThreshold
        self.alerts = alerts
        self.pendingDeliveries = pendingDeliveries
        self.problems = problems
        self.refreshSeconds = refreshSeconds
    }
}
