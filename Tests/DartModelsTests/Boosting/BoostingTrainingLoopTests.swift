@testable import DartModels
import Testing

/// Early stopping, fixed-round training and XGBoost's evaluation text.
@Suite struct BoostingTrainingLoopTests {
    @Test(arguments: BoostingFamilyUnderTest.allCases)
    func earlyStoppingEndsTrainingOnNoise(family: BoostingFamilyUnderTest) throws {
        let model = family.make(maxRounds: 400, earlyStopping: 10)
        try model.fit(train: SyntheticBoostingData.noise(rows: 2_000, seed: 101), validation: SyntheticBoostingData.noise(rows: 500, seed: 102))
        let rounds = family.bestIterations(of: model)
        #expect(!rounds.isEmpty)
        #expect(rounds.values.allSatisfy { $0 >= 1 && $0 < 100 }, "kept rounds on pure noise: \(rounds)")
    }

    @Test(arguments: BoostingFamilyUnderTest.allCases)
    func withoutValidationTrainsMaxRounds(family: BoostingFamilyUnderTest) throws {
        let model = family.make(maxRounds: 25)
        try model.fit(train: SyntheticBoostingData.linear(rows: 1_000, seed: 103), validation: nil)
        let rounds = family.bestIterations(of: model)
        #expect(!rounds.isEmpty)
        #expect(rounds.values.allSatisfy { $0 == 25 }, "rounds without validation: \(rounds)")
    }

    @Test func trackerKeepsBestRoundAndStopsAfterPatience() {
        var tracker = EarlyStoppingTracker(patience: 2)
        let stops = [(5.0, 1), (3.0, 2), (4.0, 3), (.nan, 3), (3.0, 4)].map { score, round in
            tracker.record(score: score, afterRounds: round)
        }
        // Equal is not better, so the fourth round is the second without improvement.
        #expect(stops == [false, false, false, false, true])
        #expect(tracker.bestRoundCount == 2 && tracker.bestScore == 3)
    }

    @Test func xgboostEvaluationLineIsParsed() throws {
        #expect(try XGBoostEvaluationLine.score(in: "[12]\tvalid-mae:3.25", dataset: "valid", metric: "mae") == 3.25)
        #expect(try XGBoostEvaluationLine.score(in: "[0]\ttrain-quantile:1e-3\tvalid-quantile:0.5", dataset: "valid", metric: "quantile") == 0.5)
        let error = try #require(throws: BoostingError.self) {
            try XGBoostEvaluationLine.score(in: "[3]\tvalid-rmse:2.0", dataset: "valid", metric: "mae")
        }
        #expect(error.code == .unexpectedNativeOutput)
    }

    @Test func rawParametersOverrideDefaultsInPlace() throws {
        var parameters = NativeParameters()
        parameters.set("num_leaves", "31")
        parameters.set("seed", "1")
        try parameters.override(with: ["num_leaves": "7", "extra_trees": "true"], library: .lightgbm)
        #expect(parameters.spaceSeparated == "num_leaves=7 seed=1 extra_trees=true")
    }

    @Test func quantilesAreClampedAroundTheMedian() {
        var p10: [Float] = [1, 5, -2]
        var p90: [Float] = [3, 6, -3]
        QuantileOrdering.clampAroundMedian(p10: &p10, p50: [2, 4, -2.5], p90: &p90)
        #expect(p10 == [1, 4, -2.5])
        #expect(p90 == [3, 6, -2.5])
    }
}
