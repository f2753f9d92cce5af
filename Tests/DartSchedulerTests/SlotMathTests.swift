import DartConfig
import DartCore
import Testing
@testable import DartScheduler

/// UTC seconds from ISO text written in the test.
func utc(_ text: String) -> Int64 {
    guard let seconds = UTCFormat.parse(text) else { fatalError("bad test time \(text)") }
    return seconds
}

func slots(_ schedule: String, zone: String = "America/Chicago") throws -> ScheduleSlots {
    guard case .success(let expression) = ScheduleExpression.parse(schedule) else { fatalError("bad test schedule \(schedule)") }
    return try ScheduleSlots(expression: expression, zone: MarketTimeZone(identifier: zone)!)
}

/// Slots whose local date is `day`, from local midnight to the next.
func slotsOfLocalDay(_ schedule: ScheduleSlots, _ day: String) -> [Int64] {
    let operatingDay = OperatingDay(day)!
    return schedule.slots(from: schedule.zone.startOfDayUTC(operatingDay), to: schedule.zone.startOfDayUTC(operatingDay.adding(days: 1)))
}

@Suite struct SlotMathTests {
    @Test func fallBackDayHas25HourlySlotsWithBothCopiesOf0105() throws {
        let hourly = try slots("hourly at :05")
        let day = slotsOfLocalDay(hourly, "2025-11-02")
        // Midnight CDT is 05:00Z; every slot is an hour after the previous one in UTC.
        #expect(day == (0..<25).map { utc("2025-11-02T05:05:00Z") + Int64($0) * 3600 })
        #expect(Set(day).count == 25)
        let labels = day.prefix(3).map { SlotDescription(utc: $0, zone: hourly.zone).localText }
        #expect(labels == ["2025-11-02 00:05 -05:00", "2025-11-02 01:05 -05:00", "2025-11-02 01:05 -06:00"])
        #expect(day.map { SlotDescription(utc: $0, zone: hourly.zone).isRepeatedLocalTime }.filter { $0 }.count == 1)
    }

    @Test func springForwardDayHas23HourlySlotsAndNoneAt0205() throws {
        let hourly = try slots("hourly at :05")
        let day = slotsOfLocalDay(hourly, "2026-03-08")
        #expect(day == (0..<23).map { utc("2026-03-08T06:05:00Z") + Int64($0) * 3600 })
        let labels = day.prefix(3).map { SlotDescription(utc: $0, zone: hourly.zone).localText }
        #expect(labels == ["2026-03-08 00:05 -06:00", "2026-03-08 01:05 -06:00", "2026-03-08 03:05 -05:00"])
    }

    @Test(arguments: [("2024-03-10", 23), ("2024-11-03", 25), ("2025-03-09", 23), ("2025-11-02", 25),
                      ("2026-03-08", 23), ("2026-11-01", 25), ("2026-06-15", 24)])
    func hourlySlotCountFollowsDayLength(day: String, expected: Int) throws {
        #expect(slotsOfLocalDay(try slots("hourly at :05"), day).count == expected)
        #expect(slotsOfLocalDay(try slots("5 * * * *"), day).count == expected)
    }

    @Test func daily0500RunsOncePerDayAcrossBothTransitions() throws {
        let daily = try slots("daily at 05:00")
        let fall = daily.slots(from: utc("2025-11-01T00:00:00Z"), to: utc("2025-11-04T00:00:00Z"))
        // 05:00 CDT on the 1st, 05:00 CST on the 2nd and 3rd.
        #expect(fall == [utc("2025-11-01T10:00:00Z"), utc("2025-11-02T11:00:00Z"), utc("2025-11-03T11:00:00Z")])
        let spring = daily.slots(from: utc("2026-03-07T00:00:00Z"), to: utc("2026-03-10T00:00:00Z"))
        #expect(spring == [utc("2026-03-07T11:00:00Z"), utc("2026-03-08T10:00:00Z"), utc("2026-03-09T10:00:00Z")])
    }

    @Test func dailyTimeInsideSpringGapRunsOnceAtTheFirstInstantAfterTheGap() throws {
        let daily = try slots("daily at 02:30")
        let slots = daily.slots(from: utc("2026-03-07T00:00:00Z"), to: utc("2026-03-10T00:00:00Z"))
        // 02:30 CST on the 7th, 03:00 CDT (08:00Z) on the 8th, 02:30 CDT on the 9th.
        #expect(slots == [utc("2026-03-07T08:30:00Z"), utc("2026-03-08T08:00:00Z"), utc("2026-03-09T07:30:00Z")])
        #expect(SlotDescription(utc: slots[1], zone: daily.zone).localText == "2026-03-08 03:00 -05:00")
    }

    @Test func dailyTimeInsideRepeatedHourRunsOnceAtItsFirstOccurrence() throws {
        let daily = try slots("daily at 01:30")
        let slots = slotsOfLocalDay(daily, "2025-11-02")
        #expect(slots == [utc("2025-11-02T06:30:00Z")])  // 01:30 CDT, not 01:30 CST (07:30Z)
    }

    @Test func everyFifteenMinutesFollowsTheWallClock() throws {
        let quarter = try slots("every 15 minutes")
        #expect(slotsOfLocalDay(quarter, "2025-11-02").count == 100)
        #expect(slotsOfLocalDay(quarter, "2026-03-08").count == 92)
        #expect(slotsOfLocalDay(quarter, "2026-06-15").count == 96)
    }

    @Test func nextSlotsAreStrictlyAfterAndAscending() throws {
        let hourly = try slots("hourly at :05")
        let start = utc("2025-11-02T06:05:00Z")
        let next = hourly.nextSlots(after: start, count: 3)
        #expect(next == [utc("2025-11-02T07:05:00Z"), utc("2025-11-02T08:05:00Z"), utc("2025-11-02T09:05:00Z")])
        #expect(hourly.nextSlots(after: start, count: 0).isEmpty)
        #expect(hourly.slots(from: start, to: start).isEmpty)
        #expect(hourly.slots(from: start, to: start + 1) == [start])
    }

    @Test func describedSlotsGiveLocalAndUTCText() throws {
        let hourly = try slots("hourly at :05")
        let described = hourly.describeNext(after: utc("2025-11-02T05:30:00Z"), count: 3)
        #expect(described.map(\.localText) == ["2025-11-02 01:05 -05:00", "2025-11-02 01:05 -06:00", "2025-11-02 02:05 -06:00"])
        #expect(described.map(\.utcText) == ["2025-11-02T06:05:00Z", "2025-11-02T07:05:00Z", "2025-11-02T08:05:00Z"])
        #expect(described.map(\.isRepeatedLocalTime) == [false, true, false])
    }

    @Test func jobWithUnreadableScheduleOrZoneIsRejectedWithItsKey() throws {
        let badSchedule = JobSettings(name: "broken", schedule: "fortnightly", product: .hourly)
        #expect(throws: SchedulerError.self) { try ScheduleSlots(job: badSchedule, timeZone: "America/Chicago") }
        do {
            _ = try ScheduleSlots(job: .hourlyPredict, timeZone: "Mars/Olympus")
            Issue.record("an unknown zone must be rejected")
        } catch {
            #expect(error.code == .unknownTimeZone)
            #expect(error.configKey == "scheduling.timezone")
            #expect(error.description.contains("IANA"))
        }
    }
}
