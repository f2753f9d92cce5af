import DartCore
import DartFeatures
import Foundation
import Testing

/// Load forecast and net load from postings strictly before the issue.
@Suite struct LoadFeatureTests {
    let oracle = CentralTimeOracle()

    func values(_ history: MarketHistory, issue: Int64, target: Int64) throws -> [String: Float] {
        let frame = try FeatureBuilder().build(history: history, product: .hourly,
            requests: [FeatureRequest(issueUTC: issue, targetUTC: target, pointIndex: 0)])
        return Dictionary(uniqueKeysWithValues: frame.features.names.enumerated().map { ($1, frame.features[0, $0]) })
    }

    /// One posting per series at `posted` (and a later revision nobody may see before it).
    func history(target: Int64, posted: Int64, load: Double, wind: Double, solar: Double?) -> MarketHistory {
        var history = SyntheticMarket.spring
        func series(_ value: Double) -> ExogenousSeries {
            ExogenousSeries(postings: [.init(targetUTC: target, postedAtUTC: posted, value: value),
                                       .init(targetUTC: target, postedAtUTC: posted + 3600, value: value + 1000)])
        }
        history.exogenous["load_forecast"] = series(load)
        history.exogenous["wind_stwpf"] = series(wind)
        history.exogenous["solar_stppf"] = solar.map(series)
        return history
    }

    /// Target HE 4 of the 23-hour 2024-03-10 (03:00–04:00 CDT = 08:00Z).
    @Test func netLoadFromPostingsStrictlyBeforeTheIssue() throws {
        let target = UTCFormat.parse("2024-03-10T08:00:00Z")!
        let posted = oracle.utc(2024, 3, 9, 9, 55)
        let history = history(target: target, posted: posted, load: 52_000, wind: 18_000, solar: 250)
        var row = try values(history, issue: posted, target: target)  // posted at the issue: not usable
        #expect(row["load_forecast"]!.isNaN && row["net_load_forecast"]!.isNaN)
        #expect(row["load_inputs_missing"] == 1)
        row = try values(history, issue: posted + 1, target: target)
        #expect(row["load_forecast"] == 52_000)
        #expect(row["net_load_forecast"] == 33_750)
        #expect(row["load_inputs_missing"] == 0)
        row = try values(history, issue: posted + 3601, target: target)  // the revision
        #expect(row["net_load_forecast"] == Float(32_750))  // 53 000 − 19 000 − 1 250
    }

    @Test func aMissingInputIsFlaggedNotZero() throws {
        let target = UTCFormat.parse("2024-03-10T08:00:00Z")!
        let posted = oracle.utc(2024, 3, 9, 9, 55)
        let row = try values(history(target: target, posted: posted, load: 52_000, wind: 18_000, solar: nil),
                             issue: posted + 60, target: target)
        #expect(row["load_forecast"] == 52_000)
        #expect(row["net_load_forecast"]!.isNaN)
        #expect(row["load_inputs_missing"] == 1)
    }
}
