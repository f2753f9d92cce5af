import DartCore

extension FreshnessLimits {
    init(reading reader: ObjectReader) {
        let defaults = FreshnessLimits.defaults
        self.init(
            damSlackMinutes: reader.int("dam_slack_minutes", defaults.damSlackMinutes, in: 0...1440),
            rtHourlyMaxLagHours: reader.int("rt_hourly_max_lag_hours", defaults.rtHourlyMaxLagHours, in: 0...720),
            rtIntervalMaxLagHours: reader.int("rt_15min_max_lag_hours", defaults.rtIntervalMaxLagHours, in: 0...720),
            forecastMaxLagHours: reader.int("forecast_max_lag_hours", defaults.forecastMaxLagHours, in: 0...720),
            loadActualMaxLagHours: reader.int("load_actual_max_lag_hours", defaults.loadActualMaxLagHours, in: 0...720),
            maxPriceAgeHours: reader.int("max_price_age_hours", defaults.maxPriceAgeHours, in: 1...8760),
            degradingSeries: Self.readSeries(reader, defaults.degradingSeries))
    }

    private static func readSeries(_ reader: ObjectReader, _ fallback: [MarketSeries]) -> [MarketSeries] {
        let key = "degrading_series"
        guard let elements = reader.array(key, expected: "an array of series names") else { return fallback }
        var series: [MarketSeries] = []
        for (position, element) in elements.enumerated() {
            let elementKey = "\(key)[\(position)]"
            guard case .string(let name) = element.value else { reader.wrongType(elementKey, element, expected: "a string"); return fallback }
            guard let parsed: MarketSeries = reader.parseChoice(name, key: elementKey, at: element) else { return fallback }
            if !series.contains(parsed) { series.append(parsed) }
        }
        return series
    }

    func json(_ secretFields: SecretFields) -> JSONNode {
        .object([
            ("dam_slack_minutes", .number(damSlackMinutes)),
            ("rt_hourly_max_lag_hours", .number(rtHourlyMaxLagHours)),
            ("rt_15min_max_lag_hours", .number(rtIntervalMaxLagHours)),
            ("forecast_max_lag_hours", .number(forecastMaxLagHours)),
            ("load_actual_max_lag_hours", .number(loadActualMaxLagHours)),
            ("max_price_age_hours", .number(maxPriceAgeHours)),
            ("degrading_series", .strings(degradingSeries.map(\.rawValue))),
        ])
    }
}
