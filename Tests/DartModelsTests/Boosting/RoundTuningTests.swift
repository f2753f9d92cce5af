import DartFeatures
@testable import DartModels
import Testing

/// Fixed-round training that still records the validation curve, cutting a fitted model back to
/// chosen rounds, and sample weights reaching the native libraries.
@Suite struct RoundTuningTests {
    @Test(arguments: BoostingFamilyUnderTest.allCases)
    func withoutEarlyStoppingKeepsEveryRoundAndRecordsTheCurve(family: BoostingFamilyUnderTest) throws {
        let model = try #require(family.make(maxRounds: 40, earlyStopping: 0) as? any RoundTunableForecaster)
        try model.fit(train: SyntheticBoostingData.noise(rows: 1_500, seed: 201), validation: SyntheticBoostingData.noise(rows: 400, seed: 202))
        // On pure noise early stopping would end far sooner; with patience 0 every round is kept.
        #expect(model.bestIterations.values.allSatisfy { $0 == 40 }, "rounds: \(model.bestIterations)")
        #expect(!model.validationCurves.isEmpty)
        #expect(model.validationCurves.values.allSatisfy { $0.count == 40 && $0.allSatisfy(\.isFinite) })
    }

    @Test(arguments: BoostingFamilyUnderTest.allCases)
    func keepRoundsCutsTheModelBackToThoseRounds(family: BoostingFamilyUnderTest) throws {
        let train = SyntheticBoostingData.nonlinear(rows: 2_000, seed: 203)
        let test = SyntheticBoostingData.nonlinear(rows: 300, seed: 204)
        let long = try #require(family.make(maxRounds: 60, earlyStopping: 0) as? any RoundTunableForecaster)
        try long.fit(train: train, validation: nil)
        let short = family.make(maxRounds: 15, earlyStopping: 0)
        try short.fit(train: train, validation: nil)
        let before = try long.predict(test.features).p50
        try long.keepRounds(Dictionary(uniqueKeysWithValues: long.bestIterations.keys.map { ($0, 15) }))
        #expect(long.bestIterations.values.allSatisfy { $0 == 15 })
        // Same seed and data: the first 15 rounds of the long model are the 15-round model.
        #expect(try long.predict(test.features).p50 == (try short.predict(test.features).p50))
        #expect(before != (try short.predict(test.features).p50))
    }

    @Test(arguments: BoostingFamilyUnderTest.allCases)
    func sampleWeightsChangeTheFit(family: BoostingFamilyUnderTest) throws {
        let data = SyntheticBoostingData.linear(rows: 1_500, seed: 205)
        // Weight only the second half: the fit must differ from the unweighted one.
        let weights = (0..<data.target.count).map { Float($0 < data.target.count / 2 ? 0.01 : 1) }
        let weighted = Dataset(features: data.features, target: data.target, weights: weights)
        let plain = family.make(maxRounds: 20, earlyStopping: 0)
        try plain.fit(train: data, validation: nil)
        let tilted = family.make(maxRounds: 20, earlyStopping: 0)
        try tilted.fit(train: weighted, validation: nil)
        #expect(try plain.predict(data.features).p50 != (try tilted.predict(data.features).p50))
    }
}

/// Staged prediction: a model fitted before its validation rows were known still yields the
/// curve a fit with them would have recorded, and forecasts at any earlier round count without
/// being cut (a walk-forward backtest reuses each refit's model as later refits' fold).
@Suite struct StagedPredictionTests {
    @Test(arguments: BoostingFamilyUnderTest.allCases)
    func stagedCurveEqualsTheCurveRecordedDuringTraining(family: BoostingFamilyUnderTest) throws {
        let train = SyntheticBoostingData.nonlinear(rows: 2_000, seed: 301)
        let validation = SyntheticBoostingData.nonlinear(rows: 500, seed: 302)
        // Row and column sampling on, as the shipped settings have it: recording must not move the RNG.
        let sampling = family == .xgboost ? ["subsample": "0.7", "colsample_bytree": "0.8"] : ["bagging_fraction": "0.7", "bagging_freq": "1", "feature_fraction": "0.8"]
        let recorded = try #require(family.make(raw: sampling, maxRounds: 50, earlyStopping: 0) as? any RoundTunableForecaster)
        try recorded.fit(train: train, validation: validation)
        let blind = try #require(family.make(raw: sampling, maxRounds: 50, earlyStopping: 0) as? any RoundTunableForecaster)
        try blind.fit(train: train, validation: nil)
        #expect(blind.validationCurves.isEmpty)
        let staged = try blind.validationCurves(on: validation)
        let key = try #require(staged.keys.first)
        let expected = try #require(recorded.validationCurves[key])
        let curve = try #require(staged[key])
        #expect(curve.count == 50 && expected.count == 50)
        for (round, (mine, theirs)) in zip(curve, expected).enumerated() {
            #expect(abs(mine - theirs) <= 1e-4 * max(1, abs(theirs)), "round \(round + 1): staged \(mine), recorded \(theirs)")
        }
        // The curve must move: a constant curve would pass the comparison above trivially.
        #expect(curve.first! > curve.last!)
    }

    @Test(arguments: BoostingFamilyUnderTest.allCases)
    func predictingWithFewerRoundsLeavesTheModelWhole(family: BoostingFamilyUnderTest) throws {
        let train = SyntheticBoostingData.nonlinear(rows: 2_000, seed: 303)
        let test = SyntheticBoostingData.nonlinear(rows: 300, seed: 304)
        let model = try #require(family.make(maxRounds: 40, earlyStopping: 0) as? any RoundTunableForecaster)
        try model.fit(train: train, validation: nil)
        let full = try model.predict(test.features).p50
        let rounds = Dictionary(uniqueKeysWithValues: model.bestIterations.keys.map { ($0, 12) })
        let early = try model.predict(test.features, rounds: rounds).p50
        #expect(early != full)
        #expect(try model.predict(test.features).p50 == full, "predicting with fewer rounds must not cut the model")
        try model.keepRounds(rounds)
        #expect(try model.predict(test.features).p50 == early)
    }
}
