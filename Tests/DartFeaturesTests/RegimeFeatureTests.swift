import DartCore
import DartFeatures
import Testing

/// Regime index and days since the last market-rule change, by the target's operating day.
@Suite struct RegimeFeatureTests {
    let oracle = CentralTimeOracle()

    @Test func ercotDefaultIsTheRTCBGoLive() {
        let regimes = MarketRegimes.ercotDefault
        #expect(regimes.changeDays == [OperatingDay("2025-12-05")!])
        #expect(regimes.regimeIndex(of: OperatingDay("2025-12-04")!) == 0)
        #expect(regimes.daysSinceChange(of: OperatingDay("2025-12-04")!) == nil)
        #expect(regimes.regimeIndex(of: OperatingDay("2025-12-05")!) == 1)
        #expect(regimes.daysSinceChange(of: OperatingDay("2025-12-05")!) == 0)
        #expect(regimes.daysSinceChange(of: OperatingDay("2026-01-04")!) == 30)
    }

    @Test func severalChangesInAnyOrder() {
        let regimes = MarketRegimes(changeDays: [OperatingDay("2024-11-20")!, OperatingDay("2024-11-03")!])
        #expect(regimes.regimeIndex(of: OperatingDay("2024-11-02")!) == 0)
        #expect(regimes.regimeIndex(of: OperatingDay("2024-11-19")!) == 1)
        #expect(regimes.daysSinceChange(of: OperatingDay("2024-11-19")!) == 16)
        #expect(regimes.regimeIndex(of: OperatingDay("2024-11-21")!) == 2)
        #expect(regimes.daysSinceChange(of: OperatingDay("2024-11-21")!) == 1)
    }

    /// Day-ahead rows of the 25-hour 2024-11-03 (a change day) and of the days around it.
    @Test func columnsFollowTheTargetDayIncludingDSTDays() throws {
        let regimes = MarketRegimes(changeDays: [OperatingDay("2024-11-03")!, OperatingDay("2024-11-20")!])
        let builder = try FeatureBuilder(configuration: .init(regimes: regimes))
        func rows(issueDay: Int) throws -> [(index: Float, days: Float)] {
            let frame = try builder.build(history: SyntheticMarket.fall, product: .dayahead,
                                          issueTimes: [oracle.utc(2024, 11, issueDay, 5)], pointIndices: [0])
            let index = frame.features.column(named: "regime_index")!, days = frame.features.column(named: "days_since_regime_change")!
            return (0..<frame.rowCount).map { (frame.features[$0, index], frame.features[$0, days]) }
        }
        let before = try rows(issueDay: 1)  // T = 11-02
        #expect(before.count == 24 && before.allSatisfy { $0.index == 0 && $0.days.isNaN })
        let changeDay = try rows(issueDay: 2)  // T = 11-03, 25 hours
        #expect(changeDay.count == 25 && changeDay.allSatisfy { $0.index == 1 && $0.days == 0 })
        let later = try rows(issueDay: 21)  // T = 11-22
        #expect(later.allSatisfy { $0.index == 2 && $0.days == 2 })
    }
}
