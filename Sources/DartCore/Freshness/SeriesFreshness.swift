/// The input series a forecast reads, each with its own known-time rule (`MarketRules`).
/// Raw values are the keys used in settings (`freshness.degrading_series`), run records and
/// `dartcast data status`; the exogenous ones are also the market store's series names.
public enum MarketSeries: String, CaseIterable, Codable, Hashable, Sendable {
    /// Day-Ahead settlement point prices (NP4-190-CD), hourly.
    case dam
    /// Hourly RT prices (a complete hour: four intervals or an hourly source).
    case rtHourly = "rt_hourly"
    /// 15-minute RT interval prices (NP6-905-CD).
    case rtInterval = "rt_15min"
    /// ERCOT's short-term wind power forecast (STWPF).
    case windForecast = "wind_stwpf"
    /// ERCOT's short-term solar power forecast (STPPF).
    case solarForecast = "solar_stppf"
    /// ERCOT's load forecast.
    case loadForecast = "load_forecast"
    /// System-wide actual load.
    case loadActual = "load_actual_ERCOT"

    /// The store's exogenous series name, nil for prices.
    public var exogenousName: String? {
        switch self {
        case .dam, .rtHourly, .rtInterval: nil
        default: rawValue
        }
    }

    /// A forecast posted ahead of its target hours (judged by how far its postings reach).
    public var isForecast: Bool { self == .windForecast || self == .solarForecast || self == .loadForecast }

    /// Seconds one value covers (an hour, or a 15-minute interval).
    public var stepSeconds: Int64 { self == .rtInterval ? MarketRules.rtIntervalSeconds : 3600 }
}

/// How fresh one series was at an instant: the newest data known then, when the next piece was
/// due, how long it is overdue and whether that is past the series' limit.
public struct SeriesFreshness: Codable, Hashable, Sendable {
    public enum State: String, Codable, Hashable, Sendable {
        /// The next piece is not overdue by more than the limit.
        case fresh
        /// The next piece is overdue by more than the limit.
        case stale
        /// The store has no value of the series known at the instant.
        case missing
    }

    public var series: MarketSeries
    /// The instant judged (a run's issue time, or now).
    public var asOfUTC: Int64
    /// Start of the newest hour (interval, target hour) whose value was known at `asOfUTC`.
    public var newestUTC: Int64?
    /// The newest posting time known at `asOfUTC` (exogenous series only).
    public var newestPostedUTC: Int64?
    /// When the value after `newestUTC` was due under the known-time rules.
    public var dueUTC: Int64?
    /// How long that value is overdue at `asOfUTC`: 0 while it is not yet due.
    public var lagSeconds: Int64
    /// The series' limit (`freshness.*`).
    public var limitSeconds: Int64
    public var state: State
    /// Whether this state degrades a run (a stale or missing series listed in `freshness.degrading_series`).
    public var degrades: Bool

    public init(series: MarketSeries, asOfUTC: Int64, newestUTC: Int64?, newestPostedUTC: Int64?, dueUTC: Int64?,
                lagSeconds: Int64, limitSeconds: Int64, state: State, degrades: Bool) {
        self.series = series
        self.asOfUTC = asOfUTC
        self.newestUTC = newestUTC
        self.newestPostedUTC = newestPostedUTC
        self.dueUTC = dueUTC
        self.lagSeconds = lagSeconds
        self.limitSeconds = limitSeconds
        self.state = state
        self.degrades = degrades
    }

    /// `rt_hourly: newest 2025-02-27T09:00:00Z, 27.3 h overdue (limit 3 h)`, or `… missing`.
    public var summary: String {
        guard let newestUTC else { return "\(series.rawValue): missing (no value known at \(UTCFormat.iso8601(asOfUTC)))" }
        return "\(series.rawValue): newest \(UTCFormat.iso8601(newestUTC)), \(Self.hours(lagSeconds)) overdue (limit \(Self.hours(limitSeconds)))"
    }

    /// `27.3 h`, `3 h`, `0 h`.
    public static func hours(_ seconds: Int64) -> String {
        let value = Double(seconds) / 3600
        return value == value.rounded() ? "\(Int(value)) h" : String(format: "%.1f h", value)
    }
}

/// The limits freshness is judged by, from the `freshness` settings section.
public struct FreshnessLimits: Hashable, Sendable {
    /// Tomorrow's DAM prices are overdue this long after their publication time. Default 120.
    public var damSlackMinutes: Int
    /// The next complete RT hour may be overdue this long. Default 3.
    public var rtHourlyMaxLagHours: Int
    /// The next 15-minute RT interval may be overdue this long. Default 3.
    public var rtIntervalMaxLagHours: Int
    /// Wind, solar and load forecasts: their postings must reach at least this close to now. Default 6.
    public var forecastMaxLagHours: Int
    /// The next hour of actual load may be overdue this long. Default 3.
    public var loadActualMaxLagHours: Int
    /// `run` and `predict` refuse an issue time this long after the newest stored price
    /// (unless `--allow-stale`). Default 48.
    public var maxPriceAgeHours: Int
    /// Series whose staleness (or absence) makes a run `degraded`; the others are reported only.
    /// Default: DAM and hourly RT, the inputs every model reads.
    public var degradingSeries: [MarketSeries]

    public init(damSlackMinutes: Int = 120, rtHourlyMaxLagHours: Int = 3, rtIntervalMaxLagHours: Int = 3,
                forecastMaxLagHours: Int = 6, loadActualMaxLagHours: Int = 3, maxPriceAgeHours: Int = 48,
                degradingSeries: [MarketSeries] = [.dam, .rtHourly]) {
        self.damSlackMinutes = damSlackMinutes
        self.rtHourlyMaxLagHours = rtHourlyMaxLagHours
        self.rtIntervalMaxLagHours = rtIntervalMaxLagHours
        self.forecastMaxLagHours = forecastMaxLagHours
        self.loadActualMaxLagHours = loadActualMaxLagHours
        self.maxPriceAgeHours = maxPriceAgeHours
        self.degradingSeries = degradingSeries
    }

    public static let defaults = FreshnessLimits()

    /// The limit of `series`, in seconds.
    public func limitSeconds(_ series: MarketSeries) -> Int64 {
        switch series {
        case .dam: Int64(damSlackMinutes) * 60
        case .rtHourly: Int64(rtHourlyMaxLagHours) * 3600
        case .rtInterval: Int64(rtIntervalMaxLagHours) * 3600
        case .windForecast, .solarForecast, .loadForecast: Int64(forecastMaxLagHours) * 3600
        case .loadActual: Int64(loadActualMaxLagHours) * 3600
        }
    }
}

/// The pure freshness rules: given the newest data time of a series known at an instant, when
/// the next value was due, how long it is overdue and whether that is past the limit.
///
/// Due times follow `MarketRules`:
/// - DAM: the next hour's operating day's publication (13:30 CT on the day before).
/// - Hourly RT: the next hour's end plus the RT publication lag; a 15-minute interval: its end plus the interval lag.
/// - Actual load: the end of the next hour (an hour's actual is posted when it is over).
/// - Wind, solar and load forecasts are re-posted ahead of their target hours, so they are
///   judged by reach: the hour after the newest target hour with a known posting is due at once.
///   A forecast that reaches past the instant is fresh, however old its posting.
public struct FreshnessRules: Sendable, Hashable {
    public let rules: MarketRules
    public let limits: FreshnessLimits

    public init(rules: MarketRules = .ercot, limits: FreshnessLimits = .defaults) {
        self.rules = rules
        self.limits = limits
    }

    /// When the value after the one starting at `newestUTC` is due.
    public func dueUTC(_ series: MarketSeries, after newestUTC: Int64) -> Int64 {
        let next = newestUTC + series.stepSeconds
        switch series {
        case .dam: return rules.damKnownAt(rules.timeZone.marketHour(containing: next))
        case .rtHourly: return rules.rtKnownAt(hourStartUTC: next)
        case .rtInterval: return rules.rtIntervalKnownAt(intervalStartUTC: next)
        case .loadActual: return next + 3600
        case .windForecast, .solarForecast, .loadForecast: return next
        }
    }

    /// Judges `series` at `asOfUTC` given its newest known data time (nil: none known).
    public func judge(_ series: MarketSeries, newestUTC: Int64?, newestPostedUTC: Int64? = nil, at asOfUTC: Int64) -> SeriesFreshness {
        let limit = limits.limitSeconds(series)
        let degrading = limits.degradingSeries.contains(series)
        guard let newestUTC else {
            return SeriesFreshness(series: series, asOfUTC: asOfUTC, newestUTC: nil, newestPostedUTC: newestPostedUTC, dueUTC: nil,
                                   lagSeconds: 0, limitSeconds: limit, state: .missing, degrades: degrading)
        }
        let due = dueUTC(series, after: newestUTC)
        let lag = max(0, asOfUTC - due)
        let stale = lag > limit
        return SeriesFreshness(series: series, asOfUTC: asOfUTC, newestUTC: newestUTC, newestPostedUTC: newestPostedUTC, dueUTC: due,
                               lagSeconds: lag, limitSeconds: limit, state: stale ? .stale : .fresh, degrades: stale && degrading)
    }

    /// The newest price hour (DAM or RT) known, and how far `issueUTC` lies past its end.
    /// - Returns: nil when the issue is within `maxPriceAgeHours` of it; otherwise the refusal message.
    public func priceAgeProblem(newestPriceHourUTC: Int64?, issueUTC: Int64) -> String? {
        let limit = Int64(limits.maxPriceAgeHours) * 3600
        guard let newest = newestPriceHourUTC else {
            return "the market store has no price known at the issue time \(UTCFormat.iso8601(issueUTC)); pass --allow-stale to forecast anyway"
        }
        let age = issueUTC - (newest + 3600)
        guard age > limit else { return nil }
        let label = rules.timeZone.marketHour(containing: newest)
        return "the newest stored price is for the hour starting \(UTCFormat.iso8601(newest)) (\(label.operatingDay) HE\(label.hourEnding)), "
            + "\(SeriesFreshness.hours(age)) before the issue time \(UTCFormat.iso8601(issueUTC)); forecasts from prices older than "
            + "freshness.max_price_age_hours (\(limits.maxPriceAgeHours) h) are refused: ingest newer prices, or pass --allow-stale "
            + "to forecast anyway (the run is then degraded)"
    }
}
