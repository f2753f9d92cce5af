import DartCore

extension FeatureBuilder {
    /// What the builder reads beyond prices, and how far back "latest" searches go.
    public struct Configuration: Sendable, Hashable {
        /// Exogenous forecast series used as features, by `MarketHistory.exogenous` name, each
        /// from its latest posting strictly before the issue. Series ending `_final` are refused.
        public var exogenousForecastSeries: [String]
        /// The actual-load series; only its values at earlier days' same HE are used.
        public var loadActualSeries: String
        /// How many days back `*_same_he_latest` and `load_actual_same_he_latest` search. Default 7.
        public var latestSearchDays: Int
        /// How many hours back `rt_last_known` searches. Default 24.
        public var recentSearchHours: Int
        /// Fixed category order for `point_index` so a model's categories survive a history
        /// with other points; nil uses the history's point order.
        public var pointCategories: [SettlementPoint]?
        /// Optional feature groups switched on. Default: all (`FeatureGroup.allCases`).
        public var groups: Set<FeatureGroup>
        /// Market-rule change days of the `regime` group. Default: `MarketRegimes.ercotDefault`.
        public var regimes: MarketRegimes
        /// Series of the `load` group: the load forecast and the wind and solar forecasts
        /// subtracted for net load. Defaults: `load_forecast`, `wind_stwpf`, `solar_stppf`.
        public var loadForecastSeries: String
        public var windForecastSeries: String
        public var solarForecastSeries: String
        /// Columns left out of every frame, by name (ablations, or a column a user does not
        /// trust); the others keep their order. Default: none.
        public var excludedColumns: [String]
        /// Columns left out of hourly frames only, in addition. Default: none.
        public var hourlyExcludedColumns: [String]

        /// Columns the naive baselines forecast from (`BaselineSet`); they cannot be excluded.
        public static let baselineColumns = ["day_of_week", "dart_same_he_latest", "dart_same_he_d7", "dart_same_he_median_28d"]
        /// The column residual bands scale by (`IntervalCalibration.defaultScaleFeature`); it cannot be excluded either.
        public static let bandScaleColumn = "dart_day_std_7d"

        public static let defaultExogenousForecastSeries = [
            "wind_stwpf", "solar_stppf", "wind_cophsl", "solar_cophsl",
        ]

        public init(exogenousForecastSeries: [String] = Configuration.defaultExogenousForecastSeries,
                    loadActualSeries: String = "load_actual_ERCOT",
                    latestSearchDays: Int = 7,
                    recentSearchHours: Int = 24,
                    pointCategories: [SettlementPoint]? = nil,
                    groups: Set<FeatureGroup> = Set(FeatureGroup.allCases),
                    regimes: MarketRegimes = .ercotDefault,
                    loadForecastSeries: String = "load_forecast",
                    windForecastSeries: String = "wind_stwpf",
                    solarForecastSeries: String = "solar_stppf",
                    excludedColumns: [String] = [], hourlyExcludedColumns: [String] = []) {
            self.exogenousForecastSeries = exogenousForecastSeries
            self.loadActualSeries = loadActualSeries
            self.latestSearchDays = latestSearchDays
            self.recentSearchHours = recentSearchHours
            self.pointCategories = pointCategories
            self.groups = groups
            self.regimes = regimes
            self.loadForecastSeries = loadForecastSeries
            self.windForecastSeries = windForecastSeries
            self.solarForecastSeries = solarForecastSeries
            self.excludedColumns = excludedColumns
            self.hourlyExcludedColumns = hourlyExcludedColumns
        }

        /// The columns left out of `product`'s frames.
        public func excludedColumns(for product: ForecastProduct) -> [String] {
            product == .hourly ? excludedColumns + hourlyExcludedColumns : excludedColumns
        }

        func validate() throws(FeatureBuilderError) {
            let layout = FeatureLayout(exogenousForecastNames: exogenousForecastSeries, groups: groups)
            for (key, setting, names) in [("excludedColumns", "features.exclude", excludedColumns),
                                          ("hourlyExcludedColumns", "features.hourly_exclude", hourlyExcludedColumns)] {
                for name in names where !layout.names.contains(name) {
                    throw FeatureBuilderError(.unknownColumn,
                        "excluded column '\(name)' (\(setting)) is not a feature column; list only columns the builder makes: \(layout.names.joined(separator: ", "))",
                        key: key)
                }
                for name in names where Self.baselineColumns.contains(name) || name == Self.bandScaleColumn {
                    let reader = name == Self.bandScaleColumn ? "the P10–P90 bands scale by it" : "the naive baselines every run scores against forecast from it"
                    throw FeatureBuilderError(.protectedColumn,
                        "column '\(name)' (\(setting)) cannot be excluded: \(reader); remove it from the list", key: key)
                }
            }
            let loadSeries = [("loadForecastSeries", loadForecastSeries), ("windForecastSeries", windForecastSeries),
                              ("solarForecastSeries", solarForecastSeries)]
            for (key, name) in exogenousForecastSeries.map({ ("exogenousForecastSeries", $0) }) + loadSeries
            where name.hasSuffix("_final") {
                throw FeatureBuilderError(.finalSeriesAsFeature,
                    "exogenous series '\(name)' is a final (after-the-fact) series and would leak; remove it from \(key)",
                    key: key)
            }
            guard (1...60).contains(latestSearchDays) else {
                throw FeatureBuilderError(.settingOutOfRange,
                    "latestSearchDays = \(latestSearchDays) is invalid: expected 1…60 days", key: "latestSearchDays")
            }
            guard (1...720).contains(recentSearchHours) else {
                throw FeatureBuilderError(.settingOutOfRange,
                    "recentSearchHours = \(recentSearchHours) is invalid: expected 1…720 hours", key: "recentSearchHours")
            }
        }
    }
}
