import DartCore
import DartFeatures
import Testing

/// Optional groups switch on and off without moving or changing any other column.
@Suite struct FeatureGroupTests {
    /// The columns built whatever the groups: the 82 of the original layout, in their order.
    static let baseCount = 83
    static let groupColumns: [FeatureGroup: [String]] = [
        .rtIntervals: ["rt_interval_latest", "rt_interval_mean_last_4", "rt_interval_trend_4",
                       "rt_intervals_published_pending_hour", "dam_target_minus_rt_interval_latest"],
        .system: ["system_dart_same_he_latest", "system_dart_same_he_mean_7d", "dart_same_he_latest_minus_system",
                  "system_rt_last_known", "rt_last_known_minus_system"],
        .scarcity: ["rt_max_24h", "rt_hours_above_100_24h", "rt_hours_below_0_24h",
                    "rt_max_7d", "rt_hours_above_100_7d", "rt_hours_below_0_7d", "dam_target_day_max"],
        .load: ["load_forecast", "net_load_forecast", "load_inputs_missing"],
        .regime: ["regime_index", "days_since_regime_change"],
    ]

    static func builder(_ groups: Set<FeatureGroup>) throws -> FeatureBuilder {
        try FeatureBuilder(configuration: .init(groups: groups))
    }

    @Test func settingsNamesOfTheGroups() {
        #expect(FeatureGroup.allCases.map(\.rawValue) == ["rt_intervals", "system", "scarcity", "load", "regime"])
    }

    @Test func groupsAppendAfterTheBaseColumnsInFixedOrder() throws {
        let all = try FeatureBuilder().featureNames
        let base = try Self.builder([]).featureNames
        #expect(base.count == Self.baseCount)
        #expect(base.first == "hour_ending" && base.last == "dam_target_minus_rt_last_known")
        #expect(all == base + FeatureGroup.allCases.flatMap { Self.groupColumns[$0]! })
        for group in FeatureGroup.allCases {
            #expect(try Self.builder([group]).featureNames == base + Self.groupColumns[group]!, "\(group)")
            let others = Set(FeatureGroup.allCases).subtracting([group])
            #expect(try Self.builder(others).featureNames == all.filter { !Self.groupColumns[group]!.contains($0) }, "\(group)")
        }
    }

    /// A column has the same value whichever other groups are on.
    @Test func switchingAGroupChangesNoOtherValue() throws {
        let history = SyntheticMarket.fall
        let issues = MarketRules.ercot.issueTimes(.hourly, from: OperatingDay("2024-11-02")!, through: OperatingDay("2024-11-03")!)
        let full = try FeatureBuilder().build(history: history, product: .hourly, issueTimes: issues).features
        for group in FeatureGroup.allCases {
            let partial = try Self.builder([group]).build(history: history, product: .hourly, issueTimes: issues).features
            for (column, name) in partial.names.enumerated() {
                let fullColumn = full.column(named: name)!
                let same = (0..<full.rowCount).allSatisfy { full[$0, fullColumn].bitPattern == partial[$0, column].bitPattern }
                #expect(same, "\(name) with only \(group) on")
            }
        }
    }

    @Test func seriesEndingFinalAreRefusedForLoad() {
        #expect(throws: FeatureBuilderError.self) {
            try FeatureBuilder(configuration: .init(windForecastSeries: "wind_stwpf_final"))
        }
    }
}
