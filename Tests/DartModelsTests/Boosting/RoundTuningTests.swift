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
