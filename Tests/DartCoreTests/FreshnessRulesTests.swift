import DartCore
import Testing

/// `FreshnessRules`: when the value after a series' newest one is due, how long it is overdue
/// and whether that passes the limit, on ordinary and DST days.
@Suite struct FreshnessRulesTests {
    let rules = FreshnessRules()
    let zone = MarketTimeZone.ercot

    func utc(_ text: String) -> Int64 { UTCFormat.parse(text)! }

    @Test func hourlyRTIsDueFifteenMinutesAfterTheNextHourEnds() {
        // 2024-11-28 10:05 CST = 16:05Z. Newest RT hour 14:00–15:00Z: the next one (15:00–16:00Z) is due 16:15Z.
        let issue = utc("2024-11-28T16:05:00Z")
        let onTime = rules.judge(.rtHourly, newestUTC: utc("2024-11-28T14:00:00Z"), at: issue)
        #expect(onTime.dueUTC == utc("2024-11-28T16:15:00Z"))
        #expect(onTime.lagSeconds == 0 && onTime.state == .fresh && !onTime.degrades)
        // Newest 11:00Z: the 12:00Z hour was due 13:15Z, 2 h 50 min ago: within 3 h.
        let late = rules.judge(.rtHourly, newestUTC: utc("2024-11-28T11:00:00Z"), at: issue)
        #expect(late.lagSeconds == 2 * 3600 + 50 * 60 && late.state == .fresh)
        // Newest 10:00Z: 3 h 50 min overdue: stale, and hourly RT degrades runs by default.
        let stale = rules.judge(.rtHourly, newestUTC: utc("2024-11-28T10:00:00Z"), at: issue)
        #expect(stale.lagSeconds == 3 * 3600 + 50 * 60 && stale.state == .stale && stale.degrades)
        #expect(stale.summary == "rt_hourly: newest 2024-11-28T10:00:00Z, 3.8 h overdue (limit 3 h)")
    }

    @Test func fallBackRepeatedHourIsItsOwnHour() {
        // 2024-11-03: HE 2 (CDT) starts 06:00Z, the repeated HE 2 (CST) 07:00Z, HE 3 08:00Z.
        let hours = zone.hours(of: OperatingDay("2024-11-03")!)
        #expect(hours.count == 25)
        let first = hours[1], repeated = hours[2]
        #expect(first.hourEnding == 2 && repeated.hourEnding == 2 && repeated.isRepeatedHour)
        #expect(rules.dueUTC(.rtHourly, after: first.utcStart) == repeated.utcStart + 3600 + 900)
        #expect(rules.dueUTC(.rtHourly, after: repeated.utcStart) == utc("2024-11-03T09:15:00Z"))
        let limit = rules.judge(.rtHourly, newestUTC: first.utcStart, at: utc("2024-11-03T11:15:00Z"))
        #expect(limit.lagSeconds == 3 * 3600 && limit.state == .fresh)  // exactly the limit is not past it
        #expect(rules.judge(.rtHourly, newestUTC: first.utcStart, at: utc("2024-11-03T11:16:00Z")).state == .stale)
        // Actual load of the repeated hour is posted at its end; the next (HE 3) at 09:00Z.
        #expect(rules.dueUTC(.loadActual, after: repeated.utcStart) == utc("2024-11-03T09:00:00Z"))
    }

    @Test func damOfTheNextDayIsDueAtItsPublicationPlusSlack() {
        // Newest DAM: 2024-11-28 HE24. 2024-11-29's prices are due 13:30 CST on 11-28 = 19:30Z.
        let newest = zone.hours(of: OperatingDay("2024-11-28")!).last!.utcStart
        #expect(rules.dueUTC(.dam, after: newest) == utc("2024-11-28T19:30:00Z"))
        #expect(rules.judge(.dam, newestUTC: newest, at: utc("2024-11-28T11:00:00Z")).lagSeconds == 0)
        #expect(rules.judge(.dam, newestUTC: newest, at: utc("2024-11-28T21:30:00Z")).state == .fresh)  // 2 h: the slack
        let stale = rules.judge(.dam, newestUTC: newest, at: utc("2024-11-28T21:31:00Z"))
        #expect(stale.state == .stale && stale.degrades)
        // A day-ahead issue at 05:00 whose own day's DAM is missing: overdue since 13:30 the day before.
        let dayBefore = zone.hours(of: OperatingDay("2024-11-27")!).last!.utcStart
        #expect(rules.judge(.dam, newestUTC: dayBefore, at: utc("2024-11-28T11:00:00Z")).lagSeconds == 15 * 3600 + 30 * 60)
    }

    @Test func springForwardDayUsesDaylightTime() {
        // 2024-03-10 has 23 hours; 2024-03-11's DAM is due 13:30 CDT on 03-10 = 18:30Z (not 19:30Z).
        let hours = zone.hours(of: OperatingDay("2024-03-10")!)
        #expect(hours.count == 23)
        #expect(rules.dueUTC(.dam, after: hours.last!.utcStart) == utc("2024-03-10T18:30:00Z"))
        #expect(rules.judge(.dam, newestUTC: hours.last!.utcStart, at: utc("2024-03-10T20:30:00Z")).state == .fresh)
        #expect(rules.judge(.dam, newestUTC: hours.last!.utcStart, at: utc("2024-03-10T20:31:00Z")).state == .stale)
        // 03-10's own DAM was due 13:30 CST on 03-09 = 19:30Z.
        let march9 = zone.hours(of: OperatingDay("2024-03-09")!).last!.utcStart
        #expect(rules.dueUTC(.dam, after: march9) == utc("2024-03-09T19:30:00Z"))
        // RT across the skipped hour: HE 2 (07:00Z–08:00Z) is followed by HE 4 (08:00Z–09:00Z), due 09:15Z.
        #expect(hours[1].hourEnding == 2 && hours[2].hourEnding == 4)
        #expect(rules.dueUTC(.rtHourly, after: hours[1].utcStart) == utc("2024-03-10T09:15:00Z"))
    }

    @Test func intervalsForecastsAndActualLoad() {
        // A 15-minute interval starting 10:00Z: the next (10:15Z) is due at 10:30Z + 5 min.
        #expect(rules.dueUTC(.rtInterval, after: utc("2025-02-27T10:00:00Z")) == utc("2025-02-27T10:35:00Z"))
        // Forecasts are judged by reach: postings that reach past the instant are fresh, however old.
        let reach = rules.judge(.windForecast, newestUTC: utc("2024-12-31T05:00:00Z"), newestPostedUTC: utc("2024-12-30T15:55:00Z"),
                                at: utc("2024-12-31T05:30:00Z"))
        #expect(reach.state == .fresh && reach.newestPostedUTC == utc("2024-12-30T15:55:00Z"))
        // A feed that ended: stale after 6 h, reported but not degrading by default.
        let ended = rules.judge(.windForecast, newestUTC: utc("2024-12-31T05:00:00Z"), at: utc("2024-12-31T12:01:00Z"))
        #expect(ended.state == .stale && !ended.degrades)
        let strict = FreshnessRules(limits: FreshnessLimits(degradingSeries: [.windForecast]))
        #expect(strict.judge(.windForecast, newestUTC: utc("2024-12-31T05:00:00Z"), at: utc("2024-12-31T12:01:00Z")).degrades)
        // Actual load: the hour after the newest is posted when it ends.
        let load = rules.judge(.loadActual, newestUTC: utc("2025-02-27T10:00:00Z"), at: utc("2025-02-27T15:00:00Z"))
        #expect(load.dueUTC == utc("2025-02-27T12:00:00Z") && load.lagSeconds == 3 * 3600 && load.state == .fresh)
    }

    @Test func absentSeriesAreMissingNotStale() {
        let wind = rules.judge(.windForecast, newestUTC: nil, at: utc("2025-02-27T11:00:00Z"))
        #expect(wind.state == .missing && !wind.degrades && wind.lagSeconds == 0)
        #expect(wind.summary == "wind_stwpf: missing (no value known at 2025-02-27T11:00:00Z)")
        #expect(rules.judge(.dam, newestUTC: nil, at: utc("2025-02-27T11:00:00Z")).degrades)
    }

    @Test func priceAgeRefusalNamesNewestPriceIssueAndFlag() throws {
        let newest = utc("2024-11-21T05:00:00Z")  // 2024-11-20 HE24 CST
        #expect(rules.priceAgeProblem(newestPriceHourUTC: newest, issueUTC: newest + 3600 + 48 * 3600) == nil)
        let problem = try #require(rules.priceAgeProblem(newestPriceHourUTC: newest, issueUTC: newest + 3600 + 48 * 3600 + 1))
        #expect(problem.contains("2024-11-21T05:00:00Z (2024-11-20 HE24)"))
        #expect(problem.contains(UTCFormat.iso8601(newest + 3600 + 48 * 3600 + 1)))
        #expect(problem.contains("--allow-stale") && problem.contains("freshness.max_price_age_hours (48 h)"))
        #expect(rules.priceAgeProblem(newestPriceHourUTC: nil, issueUTC: newest)?.contains("no price") == true)
    }
}
