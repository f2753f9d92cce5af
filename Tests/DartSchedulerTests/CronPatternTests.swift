import DartCore
import Testing
@testable import DartScheduler

@Suite struct CronPatternTests {
    private func pattern(_ line: String) throws(SchedulerError) -> CronPattern {
        let fields = line.split(separator: " ").map(String.init)
        return try CronPattern(minute: fields[0], hour: fields[1], dayOfMonth: fields[2], month: fields[3], dayOfWeek: fields[4])
    }

    private func bits(_ mask: UInt64, upTo limit: Int) -> [Int] { (0...limit).filter { mask & (1 << UInt64($0)) != 0 } }

    @Test func listsRangesStepsAndNamesExpandToTheirValues() throws {
        let cron = try pattern("0,15-20/5,*/25 1-5/2 1,15 jan-mar,dec mon-fri")
        #expect(bits(cron.minutes, upTo: 59) == [0, 15, 20, 25, 50])
        #expect(bits(UInt64(cron.hours), upTo: 23) == [1, 3, 5])
        #expect(bits(UInt64(cron.daysOfMonth), upTo: 31) == [1, 15])
        #expect(bits(UInt64(cron.months), upTo: 12) == [1, 2, 3, 12])
        #expect(bits(UInt64(cron.daysOfWeek), upTo: 6) == [1, 2, 3, 4, 5])
        #expect(!cron.isWallClockInterval)
        #expect(try pattern("10/20 * * * *").minutes == (1 << 10 | 1 << 30 | 1 << 50))
    }

    @Test func sundayIsZeroOrSeven() throws {
        #expect(try pattern("0 0 * * 7").daysOfWeek == 1)
        #expect(try pattern("0 0 * * 0").daysOfWeek == 1)
        #expect(try pattern("0 0 * * 5-7").daysOfWeek == 0b110_0001)
    }

    @Test func dayOfMonthAndDayOfWeekMatchEitherWhenBothAreRestricted() throws {
        let either = try pattern("0 5 13 * fri")
        #expect(either.matches(day: OperatingDay("2026-02-13")!))  // Friday the 13th
        #expect(either.matches(day: OperatingDay("2026-02-20")!))  // a Friday
        #expect(either.matches(day: OperatingDay("2026-03-13")!))  // a 13th (Friday too)
        #expect(either.matches(day: OperatingDay("2026-04-13")!))  // a Monday 13th
        #expect(!either.matches(day: OperatingDay("2026-04-14")!))
        let weekdaysOnly = try pattern("0 5 * * mon-fri")
        #expect(weekdaysOnly.matches(day: OperatingDay("2026-04-13")!))
        #expect(!weekdaysOnly.matches(day: OperatingDay("2026-04-12")!))  // Sunday
        #expect(!(try pattern("0 5 * jun *")).matches(day: OperatingDay("2026-04-13")!))
    }

    @Test func minutesOfDayListLocalTimesOfAMatchingDay() throws {
        #expect(try pattern("30 5,17 * * *").minutesOfDay(on: OperatingDay("2026-04-13")!) == [330, 1050])
        #expect(try pattern("30 5 * * sun").minutesOfDay(on: OperatingDay("2026-04-13")!).isEmpty)
    }

    @Test(arguments: ["60 * * * *", "* 24 * * *", "* * 0 * *", "* * * 13 *", "* * * * 8", "5-1 * * * *",
                      "*/0 * * * *", "a * * * *", "1/2/3 * * * *", "1-2-3 * * * *", "* * * foo *"])
    func unreadableFieldsAreRejectedNamingTheField(line: String) throws {
        do {
            _ = try pattern(line)
            Issue.record("\(line) must be rejected")
        } catch {
            #expect(error.code == .invalidSchedule)
            #expect(error.message.hasPrefix("cron "))
        }
    }

    @Test func fixedTimeCronFollowsTheGapAndRepeatedHourRules() throws {
        // 02:30 does not exist on 2026-03-08: one run at 03:00 CDT.
        #expect(slotsOfLocalDay(try slots("30 2 * * *"), "2026-03-08") == [utc("2026-03-08T08:00:00Z")])
        // 02:00 and 02:30 both fall in the gap and share the instant after it; 03:00 is that instant too.
        #expect(slotsOfLocalDay(try slots("0,30 2,3 * * *"), "2026-03-08") == [utc("2026-03-08T08:00:00Z"), utc("2026-03-08T08:30:00Z")])
        // 01:30 happens twice on 2025-11-02: one run, at the CDT copy.
        #expect(slotsOfLocalDay(try slots("30 1 * * *"), "2025-11-02") == [utc("2025-11-02T06:30:00Z")])
        #expect(slotsOfLocalDay(try slots("0 5 * * *"), "2025-11-02") == [utc("2025-11-02T11:00:00Z")])
    }

    @Test func wildcardHourCronFollowsTheWallClock() throws {
        let everyHalfHour = try slots("*/30 * * * *")
        #expect(everyHalfHour.followsWallClockInterval)
        #expect(slotsOfLocalDay(everyHalfHour, "2025-11-02").count == 50)
        #expect(slotsOfLocalDay(everyHalfHour, "2026-03-08").count == 46)
        #expect(!(try slots("5 1 * * *")).followsWallClockInterval)
    }

    @Test func cronForAnImpossibleDateFindsNothingAndStops() throws {
        #expect(try slots("0 0 30 2 *").nextSlots(after: utc("2026-01-01T00:00:00Z"), count: 1).isEmpty)
        // 29 February comes back within the search horizon.
        #expect(try slots("0 0 29 2 *").nextSlot(after: utc("2026-01-01T00:00:00Z")) == utc("2028-02-29T06:00:00Z"))
    }
}
