import DartCore
import DartFeatures
import Testing

/// Changing anything not yet known at the issue time must not change a single feature bit.
/// The builder has every optional group on (`FeatureGroup`), so every column is checked.
@Suite struct NoLeakageTests {
    static let histories = [("spring", SyntheticMarket.spring), ("fall", SyntheticMarket.fall)]
    /// Rule changes inside both histories, so the regime columns vary too.
    static let configuration = FeatureBuilder.Configuration(
        groups: Set(FeatureGroup.allCases),
        regimes: MarketRegimes(changeDays: [OperatingDay("2024-03-01")!, OperatingDay("2024-11-01")!]))
    /// Columns that are NaN in every day-ahead row: the target day's DAM is never published at
    /// 05:00 on D−1, and the synthetic solar forecast (like ERCOT's file) is posted only at 09:55.
    static let nanAtDayahead: Set<String> = ["dam_target_published", "dam_target_minus_rt_mean_6h", "dam_target_minus_rt_last_known",
                                             "dam_target_minus_rt_interval_latest", "dam_target_day_max",
                                             "solar_stppf", "net_load_forecast"]

    /// Random issue times of `product` inside `history`, leaving 30 days of look-back.
    static func randomIssues(_ product: ForecastProduct, history: MarketHistory, count: Int,
                             random: inout SeededGenerator) -> [Int64] {
        let zone = MarketTimeZone.ercot
        let first = zone.operatingDay(containing: history.startUTC).adding(days: 30)
        let last = zone.operatingDay(containing: history.endUTC - 1).adding(days: -2)
        let all = MarketRules.ercot.issueTimes(product, from: first, through: last)
        return (0..<count).map { _ in all[Int.random(in: all.indices, using: &random)] }
    }

    @Test(arguments: ForecastProduct.allCases)
    func featuresIgnoreEverythingUnknownAtIssue(product: ForecastProduct) throws {
        let builder = try FeatureBuilder(configuration: Self.configuration)
        var random = SeededGenerator(seed: product == .dayahead ? 101 : 202)
        var issuesChecked = 0, labelsChanged = 0
        var columnHasValue = [Bool](repeating: false, count: builder.featureNames.count)
        for (_, history) in Self.histories {
            let knownTimes = Leakage.KnownTimes(history)
            for issue in Self.randomIssues(product, history: history, count: 110, random: &random) {
                let original = try builder.build(history: history, product: product, issueTimes: [issue])
                for (k, value) in original.features.values.enumerated() where !value.isNaN {
                    columnHasValue[k % columnHasValue.count] = true
                }
                let scrambled = Leakage.scrambled(history, knownTimes: knownTimes, after: issue, random: &random)
                let rebuilt = try builder.build(history: scrambled, product: product, issueTimes: [issue])
                let difference = Leakage.firstDifference(original.features, rebuilt.features)
                #expect(difference == nil, "issue \(UTCFormat.iso8601(issue)): \(String(describing: difference))")
                // The scrambling really reached the target hours (the test can fail).
                if zip(original.dart, rebuilt.dart).contains(where: { $0.bitPattern != $1.bitPattern }) { labelsChanged += 1 }
                issuesChecked += 1
            }
        }
        #expect(issuesChecked >= 200)
        #expect(labelsChanged > issuesChecked * 9 / 10)
        // Every column took values in the rows checked, so the check covered it.
        for (column, name) in builder.featureNames.enumerated() where !(product == .dayahead && Self.nanAtDayahead.contains(name)) {
            #expect(columnHasValue[column], "column \(name) is NaN in every checked row")
        }
    }

    @Test(arguments: ForecastProduct.allCases)
    func fullHistoryEqualsHistoryCutAtIssue(product: ForecastProduct) throws {
        let builder = try FeatureBuilder(configuration: Self.configuration)
        var random = SeededGenerator(seed: product == .dayahead ? 303 : 404)
        for (_, history) in Self.histories {
            let knownTimes = Leakage.KnownTimes(history)
            for issue in Self.randomIssues(product, history: history, count: 25, random: &random) {
                let full = try builder.build(history: history, product: product, issueTimes: [issue])
                let cut = Leakage.truncated(history, knownTimes: knownTimes, at: issue)
                #expect(cut.hourCount < history.hourCount)
                let fromCut = try builder.build(history: cut, product: product, issueTimes: [issue])
                let difference = Leakage.firstDifference(full.features, fromCut.features)
                #expect(difference == nil, "issue \(UTCFormat.iso8601(issue)): \(String(describing: difference))")
            }
        }
    }

    @Test func realizedTargetIsNeverAFeatureColumn() throws {
        let builder = try FeatureBuilder(configuration: Self.configuration)
        let history = SyntheticMarket.fall
        let issues = MarketRules.ercot.issueTimes(.hourly, from: OperatingDay(year: 2024, month: 11, day: 10)!,
                                                  through: OperatingDay(year: 2024, month: 11, day: 12)!)
        let frame = try builder.build(history: history, product: .hourly, issueTimes: issues)
        let known = frame.dart.indices.filter { !frame.dart[$0].isNaN }
        #expect(known.count > frame.rowCount / 2)
        for column in 0..<frame.features.columnCount {
            let equal = known.filter { frame.features[$0, column] == frame.dart[$0] }.count
            #expect(equal < known.count / 10, "column \(frame.features.names[column]) equals the realized DART in \(equal) rows")
        }
    }

    @Test func finalSeriesAreRefusedAsFeatures() {
        let configuration = FeatureBuilder.Configuration(exogenousForecastSeries: ["wind_stwpf_final"])
        #expect(throws: FeatureBuilderError.self) { try FeatureBuilder(configuration: configuration) }
    }
}
