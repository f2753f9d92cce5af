import DartCore
import DartFeatures
import Testing

@Suite struct HolidayTests {
    func day(_ y: Int, _ m: Int, _ d: Int) -> OperatingDay { OperatingDay(year: y, month: m, day: d)! }

    @Test func floatingHolidays() {
        #expect(NERCHolidays.isHoliday(day(2024, 11, 28)))   // Thanksgiving, 4th Thursday
        #expect(!NERCHolidays.isHoliday(day(2024, 11, 21)))
        #expect(!NERCHolidays.isHoliday(day(2024, 11, 29)))  // day after is not a NERC holiday
        #expect(NERCHolidays.isHoliday(day(2025, 5, 26)))    // Memorial Day, last Monday of May
        #expect(!NERCHolidays.isHoliday(day(2025, 5, 19)))
        #expect(NERCHolidays.isHoliday(day(2024, 9, 2)))     // Labor Day, first Monday of September
        #expect(NERCHolidays.isHoliday(day(2025, 9, 1)))
    }

    @Test func saturdayHolidaysStayOnSaturday() {
        #expect(NERCHolidays.isHoliday(day(2021, 12, 25)))   // Christmas 2021 is a Saturday
        #expect(!NERCHolidays.isHoliday(day(2021, 12, 24)))  // NERC does not move it to Friday
        #expect(NERCHolidays.isHoliday(day(2026, 7, 4)))     // Independence Day 2026 is a Saturday
        #expect(!NERCHolidays.isHoliday(day(2026, 7, 3)))
    }

    @Test func sundayHolidaysMoveToMonday() {
        #expect(NERCHolidays.isHoliday(day(2023, 1, 2)))     // New Year 2023 is a Sunday
        #expect(!NERCHolidays.isHoliday(day(2023, 1, 1)))
        #expect(NERCHolidays.isHoliday(day(2022, 12, 26)))   // Christmas 2022 is a Sunday
        #expect(NERCHolidays.isHoliday(day(2027, 7, 5)))     // July 4 2027 is a Sunday
    }

    @Test func sixHolidaysEveryYear() {
        for year in 2016...2030 {
            let holidays = NERCHolidays.holidays(in: year)
            #expect(holidays.count == 6)
            #expect(holidays.allSatisfy { NERCHolidays.isHoliday($0) && $0.isoWeekday != 7 })
            var count = 0
            var date = day(year, 1, 1)
            while date.year == year { if NERCHolidays.isHoliday(date) { count += 1 }; date = date.adding(days: 1) }
            #expect(count == 6, "year \(year)")
        }
    }

    @Test func holidayAndWeekendColumns() throws {
        let builder = try FeatureBuilder()
        let rules = MarketRules.ercot
        let issue = rules.issueTimes(.dayahead, from: day(2024, 11, 27), through: day(2024, 11, 27))
        let frame = try builder.build(history: SyntheticMarket.fall, product: .dayahead, issueTimes: issue)
        let holiday = frame.features.column(named: "is_holiday")!
        let weekend = frame.features.column(named: "is_weekend")!
        let weekday = frame.features.column(named: "day_of_week")!
        #expect((0..<frame.rowCount).allSatisfy { frame.features[$0, holiday] == 1 && frame.features[$0, weekend] == 0 })
        #expect((0..<frame.rowCount).allSatisfy { frame.features[$0, weekday] == 4 })
    }
}
