import DartCore
import DartFeatures
import Testing

/// `Configuration.excludedColumns` drops columns by name and changes nothing else.
@Suite struct ExcludedColumnsTests {
    static let excluded = ["day_of_year_sin", "dam_target_minus_rt_last_known", "rt_max_7d"]

    @Test func excludedColumnsLeaveTheFrameAndTheOthersKeepTheirOrderAndValues() throws {
        let history = SyntheticMarket.fall
        let issues = MarketRules.ercot.issueTimes(.hourly, from: OperatingDay("2024-11-02")!, through: OperatingDay("2024-11-03")!)
        let fullBuilder = try FeatureBuilder()
        let partialBuilder = try FeatureBuilder(configuration: .init(excludedColumns: Self.excluded))
        let full = try fullBuilder.build(history: history, product: .hourly, issueTimes: issues).features
        let partial = try partialBuilder.build(history: history, product: .hourly, issueTimes: issues).features
        #expect(partial.names == full.names.filter { !Self.excluded.contains($0) })
        #expect(partialBuilder.featureNames(for: .hourly) == partial.names)
        #expect(partialBuilder.featureNames == fullBuilder.featureNames)
        #expect(partialBuilder.featureColumnGroups(for: .hourly).count == partial.columnCount)
        #expect(partial.rowCount == full.rowCount)
        for (column, name) in partial.names.enumerated() {
            let fullColumn = full.column(named: name)!
            let same = (0..<full.rowCount).allSatisfy { full[$0, fullColumn].bitPattern == partial[$0, column].bitPattern }
            #expect(same, "\(name)")
        }
    }

    /// `hourlyExcludedColumns` leave hourly frames only; `excludedColumns` leave both.
    @Test func hourlyExclusionsLeaveDayAheadFramesWhole() throws {
        let history = SyntheticMarket.fall
        let builder = try FeatureBuilder(configuration: .init(excludedColumns: ["month"], hourlyExcludedColumns: ["day_of_year_cos"]))
        let dayahead = try builder.build(history: history, product: .dayahead, issueTimes: MarketRules.ercot.issueTimes(
            .dayahead, from: OperatingDay("2024-11-02")!, through: OperatingDay("2024-11-03")!)).features
        let hourly = try builder.build(history: history, product: .hourly, issueTimes: MarketRules.ercot.issueTimes(
            .hourly, from: OperatingDay("2024-11-02")!, through: OperatingDay("2024-11-02")!)).features
        let all = try FeatureBuilder().featureNames
        #expect(dayahead.names == all.filter { $0 != "month" } && dayahead.names == builder.featureNames(for: .dayahead))
        #expect(hourly.names == all.filter { $0 != "month" && $0 != "day_of_year_cos" } && hourly.names == builder.featureNames(for: .hourly))
        #expect {
            try FeatureBuilder(configuration: .init(hourlyExcludedColumns: ["dart_same_he_d7"]))
        } throws: { error in
            (error as? FeatureBuilderError)?.key == "hourlyExcludedColumns"
                && (error as? FeatureBuilderError)?.message.contains("features.hourly_exclude") == true
        }
    }

    @Test func anUnknownColumnIsRefusedNamingTheSetting() {
        #expect {
            try FeatureBuilder(configuration: .init(excludedColumns: ["day_of_year"]))
        } throws: { error in
            let failure = error as? FeatureBuilderError
            return failure?.code == .unknownColumn && failure?.key == "excludedColumns"
                && failure!.message.contains("'day_of_year' (features.exclude)") && failure!.message.contains("day_of_year_sin")
        }
    }

    @Test func baselineColumnsCannotBeExcluded() {
        for name in FeatureBuilder.Configuration.baselineColumns + [FeatureBuilder.Configuration.bandScaleColumn] {
            #expect {
                try FeatureBuilder(configuration: .init(excludedColumns: [name]))
            } throws: { error in
                let failure = error as? FeatureBuilderError
                return failure?.code == .protectedColumn && failure?.key == "excludedColumns"
                    && failure!.message.contains("'\(name)' (features.exclude) cannot be excluded")
            }
        }
    }

    /// A column of a group that is switched off cannot be excluded: it is not built at all.
    @Test func aColumnOfASwitchedOffGroupIsUnknown() {
        #expect(throws: FeatureBuilderError.self) {
            try FeatureBuilder(configuration: .init(groups: [], excludedColumns: ["rt_max_7d"]))
        }
    }
}
