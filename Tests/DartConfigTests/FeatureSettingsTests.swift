import DartConfig
import DartCore
import Testing

/// The `features` section: optional feature groups and market-rule change dates.
@Suite struct FeatureSettingsTests {
    @Test func defaultsSwitchOnTheIntervalAndLoadGroupsWithTheRTCBDate() {
        let features = Settings.defaults.features
        #expect(features.groups == [.rtIntervals, .load])
        #expect(features.regimeDates == [OperatingDay("2025-12-05")!])
        #expect(features.regimes == MarketRegimes.ercotDefault)
    }

    @Test func readsGroupsAndDates() throws {
        let report = check(#"{"features": {"groups": ["load", "system"], "regime_dates": ["2024-06-01", "2025-12-05"]}}"#)
        let settings = try #require(report.loaded?.settings)
        #expect(settings.features.groups == [.load, .system])
        #expect(settings.features.regimeDates == [OperatingDay("2024-06-01")!, OperatingDay("2025-12-05")!])
        let none = try #require(check(#"{"features": {"groups": [], "regime_dates": []}}"#).loaded?.settings)
        #expect(none.features.groups.isEmpty && none.features.regimeDates.isEmpty)
        // Hourly models leave out the day-of-year angle and the whole-day rolling columns but the
        // band scale (docs/backtests.md § Session 9); day-ahead models keep every column.
        let features = Settings.defaults.features
        #expect(features.exclude.isEmpty)
        #expect(features.hourlyExclude.count == 22 && !features.hourlyExclude.contains("dart_day_std_7d"))
        #expect(features.hourlyExclude.contains("day_of_year_sin") && features.hourlyExclude.contains("rt_day_mean_28d"))
        #expect(!features.hourlyExclude.contains { $0.contains("same_he") })
        let keepingAll = try #require(check(#"{"features": {"hourly_exclude": []}}"#).loaded?.settings)
        #expect(keepingAll.features.hourlyExclude.isEmpty)
        let excluding = try #require(check(#"{"features": {"exclude": ["day_of_year_sin", "day_of_year_cos"]}}"#).loaded?.settings)
        #expect(excluding.features.exclude == ["day_of_year_sin", "day_of_year_cos"])
    }

    @Test func mistakesNameTheKeyAndTheFix() throws {
        let unknownGroup = try #require(onlyError(check(#"{"features": {"groups": ["load", "weather"]}}"#)))
        #expect(unknownGroup.path == "features.groups[1]")
        #expect(unknownGroup.message == #"expected one of rt_intervals, system, scarcity, load, regime, got "weather""#)
        let twice = try #require(onlyError(check(#"{"features": {"groups": ["load", "load"]}}"#)))
        #expect(twice.path == "features.groups[1]" && twice.message.contains("listed twice"))
        let excludedTwice = try #require(onlyError(check(#"{"features": {"exclude": ["month", "month"]}}"#)))
        #expect(excludedTwice.path == "features.exclude[1]" && excludedTwice.message.contains("listed twice"))
        let hourlyTwice = try #require(onlyError(check(#"{"features": {"hourly_exclude": ["month", "month"]}}"#)))
        #expect(hourlyTwice.path == "features.hourly_exclude[1]")
        let badDate = try #require(onlyError(check(#"{"features": {"regime_dates": ["12/05/2025"]}}"#)))
        #expect(badDate.path == "features.regime_dates[0]" && badDate.message.contains("YYYY-MM-DD"))
        let unordered = try #require(onlyError(check(#"{"features": {"regime_dates": ["2025-12-05", "2024-01-01"]}}"#)))
        #expect(unordered.path == "features.regime_dates[1]" && unordered.message.contains("ascending"))
        let unknownKey = try #require(onlyError(check(#"{"features": {"group": ["load"]}}"#)))
        #expect(unknownKey.code == .unknownKey && unknownKey.message.contains(#"Did you mean "groups"?"#))
        #expect(onlyError(check(#"{"features": {"groups": "load"}}"#))?.code == .wrongType)
    }

    @Test func roundTripsThroughTheSettingsFile() throws {
        var settings = Settings.defaults
        settings.features = FeatureSettings(groups: [.regime, .rtIntervals], regimeDates: [OperatingDay("2024-02-29")!],
                                            exclude: ["month"], hourlyExclude: ["is_weekend"])
        let reread = try #require(check(settings.settingsFileText).loaded?.settings)
        #expect(reread == settings)
    }

    @Test func intervalPublicationLagIsAMarketSetting() throws {
        #expect(Settings.defaults.market.rtIntervalPublicationLagMinutes == 5)
        let settings = try #require(check(#"{"market": {"rt_interval_publication_lag_minutes": 7}}"#).loaded?.settings)
        #expect(settings.market.rtIntervalPublicationLagMinutes == 7)
        #expect(onlyError(check(#"{"market": {"rt_interval_publication_lag_minutes": -1}}"#))?.path
                == "market.rt_interval_publication_lag_minutes")
    }
}
