import Foundation
import Testing
@testable import DartCore

private let zone = MarketTimeZone.ercot

private func day(_ text: String) -> OperatingDay { OperatingDay(text)! }

@Suite struct MarketTimeRoundTripTests {
    @Test func everyHourFrom2015Through2030RoundTripsThroughItsLabel() throws {
        let start = zone.startOfDayUTC(day("2015-01-01"))
        let end = zone.startOfDayUTC(day("2031-01-01"))
        var utc = start
        var count = 0
        while utc < end {
            let hour = zone.marketHour(containing: utc)
            #expect(hour.utcStart == utc)
            let back = try zone.marketHour(day: hour.operatingDay, hourEnding: hour.hourEnding, isRepeatedHour: hour.isRepeatedHour)
            if back.utcStart != utc {
                Issue.record("\(hour) came back as \(back)")
                return
            }
            utc += 3600
            count += 1
        }
        #expect(count == Int((end - start) / 3600))
    }

    @Test func hoursOfConsecutiveDaysTileTheTimelineWithoutGapsOrOverlaps() {
        var expectedNext = zone.startOfDayUTC(day("2015-01-01"))
        var current = day("2015-01-01")
        while current < day("2031-01-01") {
            let hours = zone.hours(of: current)
            #expect([23, 24, 25].contains(hours.count))
            for hour in hours {
                guard hour.utcStart == expectedNext else {
                    Issue.record("gap or overlap at \(hour)")
                    return
                }
                expectedNext += 3600
                #expect(hour.operatingDay == current)
            }
            current = current.adding(days: 1)
        }
    }

    /// Foundation's calendar is an independent oracle for the local wall clock of each hour.
    @Test func labelsAgreeWithFoundationCalendar() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "America/Chicago")!
        var utc = zone.startOfDayUTC(day("2015-01-01"))
        let end = zone.startOfDayUTC(day("2031-01-01"))
        while utc < end {
            let hour = zone.marketHour(containing: utc)
            let parts = calendar.dateComponents([.year, .month, .day, .hour], from: Date(timeIntervalSince1970: TimeInterval(utc)))
            guard parts.year == hour.operatingDay.year, parts.month == hour.operatingDay.month,
                  parts.day == hour.operatingDay.day, parts.hour! + 1 == hour.hourEnding else {
                Issue.record("\(hour) disagrees with Foundation \(parts)")
                return
            }
            utc += 3600 * 7  // a stride coprime with 24 visits every HE over the years
        }
    }

    @Test(arguments: ["2024-03-10", "2025-03-09", "2026-03-08"])
    func springForwardDaysHave23HoursAndNoHE3(_ text: String) throws {
        let hours = zone.hours(of: day(text))
        #expect(hours.count == 23)
        #expect(hours.map(\.hourEnding) == [1, 2] + Array(4...24))
        #expect(hours.allSatisfy { !$0.isRepeatedHour })
        #expect(throws: MarketTimeError.self) {
            try zone.marketHour(day: day(text), hourEnding: 3, isRepeatedHour: false)
        }
        do {
            _ = try zone.marketHour(day: day(text), hourEnding: 3, isRepeatedHour: false)
        } catch {
            #expect(error.code == .hourDoesNotExist)
            #expect(error.description.contains(text))
        }
    }

    @Test(arguments: ["2024-11-03", "2025-11-02", "2026-11-01"])
    func fallBackDaysHave25HoursWithHE2Twice(_ text: String) throws {
        let hours = zone.hours(of: day(text))
        #expect(hours.count == 25)
        #expect(hours.map(\.hourEnding) == [1, 2, 2] + Array(3...24))
        #expect(hours.map(\.isRepeatedHour) == [false, false, true] + Array(repeating: false, count: 22))
        let first = try zone.marketHour(day: day(text), hourEnding: 2, isRepeatedHour: false)
        let second = try zone.marketHour(day: day(text), hourEnding: 2, isRepeatedHour: true)
        #expect(second.utcStart - first.utcStart == 3600)
        #expect(first != second)
        #expect(second.dstFlag == "Y")
    }

    @Test func theFallBack2024HoursMatchTheRealDataTimestamps() throws {
        // From the 5-hub DAM file: HE2 N at 06:00Z, HE2 Y at 07:00Z, HE3 at 08:00Z.
        let d = day("2024-11-03")
        #expect(UTCFormat.iso8601(try zone.marketHour(day: d, hourEnding: 2, isRepeatedHour: false).utcStart) == "2024-11-03T06:00:00Z")
        #expect(UTCFormat.iso8601(try zone.marketHour(day: d, hourEnding: 2, isRepeatedHour: true).utcStart) == "2024-11-03T07:00:00Z")
        #expect(UTCFormat.iso8601(try zone.marketHour(day: d, hourEnding: 3, isRepeatedHour: false).utcStart) == "2024-11-03T08:00:00Z")
        // Spring 2024: HE2 at 07:00Z, HE4 at 08:00Z.
        let s = day("2024-03-10")
        #expect(UTCFormat.iso8601(try zone.marketHour(day: s, hourEnding: 4, isRepeatedHour: false).utcStart) == "2024-03-10T08:00:00Z")
    }

    @Test func ordinaryDaysHave24Hours() {
        #expect(zone.hours(of: day("2024-07-04")).count == 24)
        #expect(zone.hours(of: day("2024-07-04")).first.map { UTCFormat.iso8601($0.utcStart) } == "2024-07-04T05:00:00Z")
        #expect(zone.hours(of: day("2024-01-15")).first.map { UTCFormat.iso8601($0.utcStart) } == "2024-01-15T06:00:00Z")
    }

    @Test func operatingDayOfAnInstant() {
        // 2024-07-05T04:59Z is 23:59 CDT on 07-04; HE 24 of 07-04.
        let utc = UTCFormat.parse("2024-07-05T04:59:00Z")!
        #expect(zone.operatingDay(containing: utc) == day("2024-07-04"))
        #expect(zone.marketHour(containing: utc).hourEnding == 24)
        #expect(zone.operatingDay(containing: utc + 60) == day("2024-07-05"))
    }
}

@Suite struct InvalidLabelTests {
    @Test func hourEnding25IsAnError() {
        do {
            _ = try zone.marketHour(day: day("2024-05-01"), hourEnding: 25, isRepeatedHour: false)
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .hourEndingOutOfRange)
            #expect(error.description.contains("25"))
        }
    }

    @Test func hourEnding0IsAnError() {
        #expect(throws: MarketTimeError.self) { try zone.marketHour(day: day("2024-05-01"), hourEnding: 0, isRepeatedHour: false) }
    }

    @Test(arguments: [("2024-05-01", 2), ("2024-11-03", 3), ("2024-11-03", 1), ("2024-03-10", 2)])
    func repeatedFlagOnAnOrdinaryHourIsAnError(_ date: String, _ hourEnding: Int) {
        do {
            _ = try zone.marketHour(day: day(date), hourEnding: hourEnding, isRepeatedHour: true)
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .repeatedFlagOnOrdinaryHour)
            #expect(error.description.contains("DST flag must be N"))
        }
    }
}

@Suite struct LabelParsingTests {
    @Test(arguments: [("1", 1), ("01", 1), ("01:00", 1), ("1:00", 1), ("24:00", 24), ("24", 24), (" 7 ", 7), ("12:00", 12)])
    func parsesHourEndingForms(_ text: String, _ expected: Int) {
        #expect(HourEndingLabel.parse(text) == expected)
    }

    @Test(arguments: ["0", "25", "25:00", "1:30", "01:0", "abc", "", ":00", "1.0", "001", "-1"])
    func rejectsInvalidHourEnding(_ text: String) {
        #expect(HourEndingLabel.parse(text) == nil)
    }

    @Test func parsesDSTFlags() {
        #expect(HourEndingLabel.parseRepeatedFlag("Y") == true)
        #expect(HourEndingLabel.parseRepeatedFlag("True") == true)
        #expect(HourEndingLabel.parseRepeatedFlag("N") == false)
        #expect(HourEndingLabel.parseRepeatedFlag("False") == false)
        #expect(HourEndingLabel.parseRepeatedFlag("") == false)
        #expect(HourEndingLabel.parseRepeatedFlag("maybe") == nil)
    }

    @Test func operatingDayFormats() {
        #expect(OperatingDay("2024-11-03") == OperatingDay(year: 2024, month: 11, day: 3))
        #expect(OperatingDay("11/03/2024") == OperatingDay(year: 2024, month: 11, day: 3))
        #expect(OperatingDay("20241103") == OperatingDay(year: 2024, month: 11, day: 3))
        #expect(OperatingDay("2024-02-30") == nil)
        #expect(OperatingDay("2023-02-29") == nil)
        #expect(OperatingDay("2024-02-29") != nil)
        #expect(OperatingDay("2024-13-01") == nil)
        #expect(OperatingDay("24-11-03") == nil)
        #expect(day("2024-11-03").isoWeekday == 7)  // a Sunday
        #expect(day("2024-11-04").isoWeekday == 1)
        #expect(day("1970-01-01").isoWeekday == 4)
        #expect(day("1969-12-31").description == "1969-12-31")
    }

    @Test func civilDateRoundTripsForEveryDayOf1900To2100() {
        var current = day("1900-01-01")
        var previous: OperatingDay?
        while current < day("2100-12-31") {
            let (y, m, d) = current.civil
            #expect(OperatingDay(year: y, month: m, day: d) == current)
            if let previous { #expect(previous.daysSinceEpoch + 1 == current.daysSinceEpoch) }
            previous = current
            current = current.adding(days: 1)
        }
    }

    @Test func utcFormatRoundTrips() {
        for seconds: Int64 in [0, 1_730_617_200, 1_710_054_000, -86_400, 4_102_444_799] {
            #expect(UTCFormat.parse(UTCFormat.iso8601(seconds)) == seconds)
        }
        #expect(UTCFormat.parse("2024-11-03T01:30:00-05:00") == UTCFormat.parse("2024-11-03T06:30:00Z"))
        #expect(UTCFormat.parse("2024-11-03 06:30") == UTCFormat.parse("2024-11-03T06:30:00Z"))
        #expect(UTCFormat.parse("2024-11-03T06:30:00.123Z") == UTCFormat.parse("2024-11-03T06:30:00Z"))
        #expect(UTCFormat.parse("2024-11-03T25:00:00Z") == nil)
        #expect(UTCFormat.parse("yesterday") == nil)
    }

    @Test func settlementPointNames() {
        #expect(SettlementPoint("HB_HOUSTON")?.kind == .hub)
        #expect(SettlementPoint("LZ_AEN")?.kind == .loadZone)
        #expect(SettlementPoint("CALAVER_JKS1")?.kind == .resourceNode)
        #expect(SettlementPoint("hb houston") == nil)
        #expect(SettlementPoint("") == nil)
    }
}
