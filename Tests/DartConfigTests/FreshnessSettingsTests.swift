import DartConfig
import DartCore
import Testing

/// The `freshness` section: per-series limits, the price-age refusal and which series degrade a run.
@Suite struct FreshnessSettingsTests {
    @Test func defaults() {
        let freshness = Settings.defaults.freshness
        #expect(freshness.damSlackMinutes == 120)
        #expect(freshness.rtHourlyMaxLagHours == 3 && freshness.rtIntervalMaxLagHours == 3)
        #expect(freshness.forecastMaxLagHours == 6 && freshness.loadActualMaxLagHours == 3)
        #expect(freshness.maxPriceAgeHours == 48)
        #expect(freshness.degradingSeries == [.dam, .rtHourly])
    }

    @Test func readsEveryKey() throws {
        let report = check("""
            {"freshness": {"dam_slack_minutes": 30, "rt_hourly_max_lag_hours": 2, "rt_15min_max_lag_hours": 1,
              "forecast_max_lag_hours": 12, "load_actual_max_lag_hours": 4, "max_price_age_hours": 24,
              "degrading_series": ["dam", "rt_hourly", "wind_stwpf", "load_actual_ERCOT"]}}
            """)
        let freshness = try #require(report.loaded?.settings.freshness)
        #expect(freshness == FreshnessLimits(damSlackMinutes: 30, rtHourlyMaxLagHours: 2, rtIntervalMaxLagHours: 1, forecastMaxLagHours: 12,
                                             loadActualMaxLagHours: 4, maxPriceAgeHours: 24,
                                             degradingSeries: [.dam, .rtHourly, .windForecast, .loadActual]))
        let none = try #require(check(#"{"freshness": {"degrading_series": []}}"#).loaded?.settings.freshness)
        #expect(none.degradingSeries.isEmpty)
    }

    @Test func mistakesNameTheKey() throws {
        let unknownSeries = try #require(onlyError(check(#"{"freshness": {"degrading_series": ["dam", "wind"]}}"#)))
        #expect(unknownSeries.path == "freshness.degrading_series[1]")
        #expect(unknownSeries.message.contains("wind_stwpf") && unknownSeries.message.contains(#"got "wind""#))
        let zeroAge = try #require(onlyError(check(#"{"freshness": {"max_price_age_hours": 0}}"#)))
        #expect(zeroAge.path == "freshness.max_price_age_hours")
        let negative = try #require(onlyError(check(#"{"freshness": {"rt_hourly_max_lag_hours": -1}}"#)))
        #expect(negative.path == "freshness.rt_hourly_max_lag_hours")
        let typo = try #require(onlyError(check(#"{"freshness": {"max_price_age_hour": 12}}"#)))
        #expect(typo.code == .unknownKey && typo.message.contains("max_price_age_hours"))
        #expect(onlyError(check(#"{"freshness": {"degrading_series": "dam"}}"#))?.code == .wrongType)
    }

    @Test func roundTripsThroughTheSettingsFile() throws {
        var settings = Settings.defaults
        settings.freshness = FreshnessLimits(damSlackMinutes: 45, maxPriceAgeHours: 72, degradingSeries: [.rtHourly, .solarForecast])
        let loaded = try #require(check(settings.settingsFileText).loaded?.settings)
        #expect(loaded == settings)
    }
}
