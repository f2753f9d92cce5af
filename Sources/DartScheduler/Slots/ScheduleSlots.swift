import DartConfig
import DartCore

/// The UTC instants at which a schedule fires, computed on local wall-clock time in its zone.
///
/// DST rules (see docs/scheduling.md):
/// - Fixed-time schedules (`daily at`, cron with fixed minute and hour fields): a time inside the
///   spring-forward gap fires once, at the first instant after the gap (03:00 CDT); a time inside
///   the repeated fall-back hour fires once, at its first (daylight-time) occurrence.
/// - Repeating schedules (`hourly at`, `every N minutes`, cron whose minute or hour field starts
///   with `*`): they follow the wall clock, so gap times do not fire and repeated times fire twice
///   (25 hourly `:05` slots on the fall-back day, 23 on spring-forward day).
public struct ScheduleSlots: Hashable, Sendable {
    public let expression: ScheduleExpression
    public let zone: MarketTimeZone
    private let cron: CronPattern?

    /// Longest search for the next slot: a cron line for 29 February may wait 8 years.
    static let searchLimitDays = 366 * 9

    public init(expression: ScheduleExpression, zone: MarketTimeZone) throws(SchedulerError) {
        self.expression = expression
        self.zone = zone
        if case let .cron(minute, hour, dayOfMonth, month, dayOfWeek) = expression {
            cron = try CronPattern(minute: minute, hour: hour, dayOfMonth: dayOfMonth, month: month, dayOfWeek: dayOfWeek)
        } else {
            cron = nil
        }
    }

    /// The slots of a configured job, in the settings' zone. Fails on an unreadable schedule or zone.
    public init(job: JobSettings, timeZone identifier: String) throws(SchedulerError) {
        let expression: ScheduleExpression
        switch job.scheduleExpression {
        case .success(let parsed): expression = parsed
        case .failure(let problem):
            throw SchedulerError(.invalidSchedule, job: job.name, configKey: "scheduling.jobs.\(job.name).schedule",
                                 value: job.schedule, message: problem.description)
        }
        guard let zone = MarketTimeZone(identifier: identifier) else {
            throw SchedulerError(.unknownTimeZone, configKey: "scheduling.timezone", value: identifier,
                                 message: "\"\(identifier)\" is not a time zone this system knows; write an IANA name such as America/Chicago")
        }
        try self.init(expression: expression, zone: zone)
    }

    /// True when gap times are skipped and repeated times fire twice (see the type's rules).
    public var followsWallClockInterval: Bool {
        switch expression {
        case .daily: return false
        case .hourly, .everyMinutes: return true
        case .cron: return cron?.isWallClockInterval ?? false
        }
    }

    /// The next `count` slots strictly after `utc`, ascending. Fewer when the schedule does not
    /// fire again within nine years (a cron line for a date that never comes).
    public func nextSlots(after utc: Int64, count: Int) -> [Int64] {
        guard count > 0 else { return [] }
        var result: [Int64] = []
        var day = zone.operatingDay(containing: utc).adding(days: -1)
        let lastDay = day.adding(days: Self.searchLimitDays)
        while result.count < count, day <= lastDay {
            for slot in slots(of: day) where slot > utc {
                result.append(slot)
                if result.count == count { break }
            }
            day = day.adding(days: 1)
        }
        return result
    }

    /// The next slot strictly after `utc`, if the schedule fires again.
    public func nextSlot(after utc: Int64) -> Int64? { nextSlots(after: utc, count: 1).first }

    /// Every slot in `[from, to)`, ascending.
    public func slots(from: Int64, to: Int64) -> [Int64] {
        guard from < to else { return [] }
        var result: [Int64] = []
        var day = zone.operatingDay(containing: from).adding(days: -1)
        let lastDay = zone.operatingDay(containing: to).adding(days: 1)
        while day <= lastDay {
            for slot in slots(of: day) where slot >= from && slot < to { result.append(slot) }
            day = day.adding(days: 1)
        }
        return result
    }

    /// The slots whose local date is `day` (a gap time may land just after the gap), ascending
    /// and distinct.
    public func slots(of day: OperatingDay) -> [Int64] {
        let minutes = localMinutes(of: day)
        guard !minutes.isEmpty else { return [] }
        let midnight = Int64(day.daysSinceEpoch) * 86_400
        let wallClock = followsWallClockInterval
        var result: [Int64] = []
        result.reserveCapacity(minutes.count + 1)
        for minute in minutes {
            switch zone.resolve(localSeconds: midnight + Int64(minute) * 60) {
            case .unique(let utc):
                result.append(utc)
            case .repeated(let first, let second):
                result.append(first)
                if wallClock { result.append(second) }
            case .gap(let firstInstantAfterGap):
                if !wallClock { result.append(firstInstantAfterGap) }
            }
        }
        result.sort()
        // Two gap times (or a gap time and the time after the gap) can land on the same instant.
        var distinct: [Int64] = []
        distinct.reserveCapacity(result.count)
        for slot in result where distinct.last != slot { distinct.append(slot) }
        return distinct
    }

    /// Local wall-clock times the schedule names on `day`, in minutes since midnight, ascending.
    private func localMinutes(of day: OperatingDay) -> [Int] {
        switch expression {
        case .daily(let time): return [time.minutesSinceMidnight]
        case .hourly(let minute): return (0..<24).map { $0 * 60 + minute }
        case .everyMinutes(let step): return Array(stride(from: 0, to: 1440, by: step))
        case .cron: return cron?.minutesOfDay(on: day) ?? []
        }
    }
}
