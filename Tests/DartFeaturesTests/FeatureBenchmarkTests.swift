import DartCore
import DartFeatures
import Foundation
import Testing

/// Throughput over 15 synthetic points. Set `DARTCAST_FEATURE_BENCH_DAYS=365` for the full-year
/// figure; the default keeps the test short on shared CPUs.
@Suite struct FeatureBenchmarkTests {
    static let pointNames = ["HB_BUSAVG", "HB_HOUSTON", "HB_HUBAVG", "HB_NORTH", "HB_PAN", "HB_SOUTH", "HB_WEST",
                             "LZ_AEN", "LZ_CPS", "LZ_HOUSTON", "LZ_LCRA", "LZ_NORTH", "LZ_RAYBN", "LZ_SOUTH", "LZ_WEST"]

    @Test(arguments: ForecastProduct.allCases)
    func throughputOver15Points(product: ForecastProduct) throws {
        let days = Int(ProcessInfo.processInfo.environment["DARTCAST_FEATURE_BENCH_DAYS"] ?? "") ?? 14
        let first = OperatingDay(year: 2024, month: 1, day: 1)!
        let history = SyntheticMarket.make(firstDay: first.adding(days: -35), dayCount: days + 37, seed: 7,
                                           pointNames: Self.pointNames)
        let result = try FeatureBenchmark.run(history: history, builder: try FeatureBuilder(), product: product,
                                              from: first, through: first.adding(days: days - 1), clock: ContinuousClock())
        print("feature benchmark (\(days) days, 15 points): \(result)")
        let issues = MarketRules.ercot.issueTimes(product, from: first, through: first.adding(days: days - 1)).count
        // Within the span the day-ahead targets may include a 23/25-hour day; allow for it.
        #expect(abs(result.rows - issues * 15 * 24) <= 15 * 2)
        #expect(result.rowsPerSecond > 0)
    }
}
