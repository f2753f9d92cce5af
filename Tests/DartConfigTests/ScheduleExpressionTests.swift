import DartConfig
import Testing

@Suite struct ScheduleExpressionTests {
    @Test func readsPhrases() throws {
        #expect(try ScheduleExpression.parse("hourly at :05").get() == .hourly(minute: 5))
        #expect(try ScheduleExpression.parse("Daily at 05:00").get() == .daily(at: LocalTimeOfDay(hour: 5, minute: 0)!))
        #expect(try ScheduleExpression.parse("every 15 minutes").get() == .everyMinutes(15))
        #expect(try ScheduleExpression.parse("every 120 minutes").get() == .everyMinutes(120))
    }

    @Test(arguments: ["0 5 * * *", "5 * * * *", "*/15 0-6,22-23 * * mon-fri", "0 6 1 jan,jul 0", "30 13 * * 7"])
    func acceptsCron(_ text: String) {
        #expect((try? ScheduleExpression.parse(text).get()) != nil)
    }

    @Test(arguments: ["", "hourly at 5", "daily at 24:00", "daily at 5", "every 7 minutes", "whenever",
                      "60 * * * *", "0 24 * * *", "0 5 0 * *", "0 5 * 13 *", "0 5 * * 8", "5-1 * * * *",
                      "*/0 * * * *", "0 5 * * * *", "a b c d e"])
    func rejects(_ text: String) {
        #expect((try? ScheduleExpression.parse(text).get()) == nil)
    }

    @Test func timeOfDayParsing() {
        #expect(LocalTimeOfDay(parsing: "13:30")?.minutesSinceMidnight == 810)
        #expect(LocalTimeOfDay(parsing: "5:00")?.description == "05:00")
        #expect(LocalTimeOfDay(parsing: "05:0") == nil)
        #expect(LocalTimeOfDay(parsing: "-1:00") == nil)
    }
}
