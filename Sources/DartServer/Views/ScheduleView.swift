import DartConfig
import DartCore
import DartScheduler

/// One slot as the API shows it: UTC and local time with the zone abbreviation.
public struct SlotView: Codable, Hashable, Sendable {
    /// `2025-11-02T06:05:00Z`.
    public var utc: String
    /// `2025-11-02 01:05 CDT`.
    public var local: String
    /// `-05:00`.
    public var utcOffset: String

    enum CodingKeys: String, CodingKey {
        case utc = "time_utc", local = "local_time", utcOffset = "utc_offset"
    }

    public init(description: SlotDescription, zone: MarketTimeZone) {
        utc = description.utcText
        local = description.localTextWithAbbreviation(zone: zone)
        utcOffset = String(description.localText.suffix(6))
    }
}

/// One scheduled job: its settings, switches and where it stands (`GET /api/schedules`).
public struct ScheduleView: Codable, Hashable, Sendable {
    public var job: String
    /// True when the scheduler runs its slots: enabled in settings and by the operator switch.
    public var enabled: Bool
    public var configuredEnabled: Bool
    public var operatorEnabled: Bool
    public var expression: String
    public var timezone: String
    public var product: String
    public var retrain: Bool
    public var overlap: String
    public var catchUp: String
    public var running: Bool
    public var nextSlots: [SlotView]
    public var lastSlot: SlotView?

    enum CodingKeys: String, CodingKey {
        case job, enabled, expression, timezone, product, retrain, overlap, running
        case configuredEnabled = "configured_enabled", operatorEnabled = "operator_enabled", catchUp = "catch_up"
        case nextSlots = "next_slots", lastSlot = "last_slot"
    }
}

/// `GET /api/schedules`.
public struct ScheduleListView: Codable, Hashable, Sendable {
    public var timezone: String
    public var schedules: [ScheduleView]
}

/// `POST /api/schedules/{job}/enable|disable`.
public struct ScheduleSwitchView: Codable, Hashable, Sendable {
    public var job: String
    public var operatorEnabled: Bool
    /// False when settings.json says `enabled: false`: the switch alone does not make it run.
    public var configuredEnabled: Bool

    enum CodingKeys: String, CodingKey {
        case job
        case operatorEnabled = "operator_enabled", configuredEnabled = "configured_enabled"
    }

    public init(job: String, operatorEnabled: Bool, configuredEnabled: Bool) {
        self.job = job
        self.operatorEnabled = operatorEnabled
        self.configuredEnabled = configuredEnabled
    }
}

/// `POST /api/jobs/{job}/trigger`: accepted; the run shows up in `/api/runs?job=…`.
public struct TriggerView: Codable, Hashable, Sendable {
    public var job: String
    public var retrain: Bool
    public var status: String
    public var acceptedAt: String
    public var runsLink: String

    enum CodingKeys: String, CodingKey {
        case job, retrain, status
        case acceptedAt = "accepted_at", runsLink = "runs_link"
    }
}
