import Foundation
import DartFeatures
import DartModels
import Testing

/// Each boosting family must learn planted signals and give calibrated intervals.
@Suite struct BoostingSignalTests {
    /// Noiseless planted signals every family must recover.
    enum PlantedSignal: String, CaseIterable, Sendable {
        case linear, nonlinear

        func rows(_ count: Int, seed: UInt64) -> Dataset {
            switch self {
            case .linear: SyntheticBoostingData.linear(rows: count, seed: seed)
            case .nonlinear: SyntheticBoostingData.nonlinear(rows: count, seed: seed)
            }
        }
    }

    @Test(arguments: BoostingFamilyUnderTest.allCases, PlantedSignal.allCases)
    func learnsNoiselessPlantedSignal(family: BoostingFamilyUnderTest, signal: PlantedSignal) throws {
        let model = family.make()
        try model.fit(train: signal.rows(5_000, seed: 1), validation: signal.rows(1_000, seed: 2))
        let test = signal.rows(2_000, seed: 3)
        let r2 = SyntheticBoostingData.rSquared(try model.predict(test.features).p50, test.target)
        #expect(r2 >= 0.9, "R² on held-out \(signal) data was \(r2)")
        #expect(model.featureNames == test.features.names)
    }

    @Test(arguments: BoostingFamilyUnderTest.allCases)
    func quantilesAreOrderedAndCoverEightyPercent(family: BoostingFamilyUnderTest) throws {
        let model = family.make()
        try model.fit(
            train: SyntheticBoostingData.heteroscedastic(rows: 6_000, seed: 21),
            validation: SyntheticBoostingData.heteroscedastic(rows: 1_500, seed: 22))
        let test = SyntheticBoostingData.heteroscedastic(rows: 3_000, seed: 23)
        let forecast = try model.predict(test.features)
        let p10 = try #require(forecast.p10)
        let p90 = try #require(forecast.p90)
        let p50 = forecast.p50
        #expect(p10.count == test.target.count && p90.count == test.target.count)

        let rows = test.target.indices
        #expect(rows.allSatisfy { p10[$0] <= p50[$0] && p50[$0] <= p90[$0] }, "P10 ≤ P50 ≤ P90 on every row")
        let mean = { (values: [Float]) in values.reduce(0.0) { $0 + Double($1) } / Double(values.count) }
        #expect(mean(p90) - mean(p10) > 0.5, "the interval has real width on average")

        let covered = rows.filter { p10[$0] <= test.target[$0] && test.target[$0] <= p90[$0] }.count
        let coverage = Double(covered) / Double(test.target.count)
        #expect((0.70...0.90).contains(coverage), "P10–P90 coverage was \(coverage)")

        // The noise grows with |x1|, so the interval must be wider where |x1| is large.
        let x1 = try #require(test.features.column(named: "x1"))
        let width = { (row: Int) in Double(p90[row] - p10[row]) }
        let wide = rows.filter { abs(test.features[$0, x1]) > 0.6 }.map(width)
        let narrow = rows.filter { abs(test.features[$0, x1]) < 0.3 }.map(width)
        let wideMean = wide.reduce(0, +) / Double(wide.count)
        let narrowMean = narrow.reduce(0, +) / Double(narrow.count)
        #expect(wideMean > 1.5 * narrowMean, "width where |x1| > 0.6: \(wideMean), where |x1| < 0.3: \(narrowMean)")
    }

    /// LightGBM's robust losses other than absolute error: each learns the signal, really
    /// reaches the native model, and survives a reload.
    @Test(arguments: [(LightGBMHyperparameters.Objective.huber(delta: 1.0), "objective=huber"), (.fair(c: 1.0), "objective=fair")])
    func lightGBMRobustObjectiveLearnsLinearSignal(objective: LightGBMHyperparameters.Objective, nativeName: String) throws {
        var h = LightGBMHyperparameters()
        h.objective = objective
        let model = LightGBMForecaster(hyperparameters: h, logger: BoostingFamilyUnderTest.quietLogger)
        try model.fit(train: SyntheticBoostingData.linear(rows: 5_000, seed: 31), validation: SyntheticBoostingData.linear(rows: 1_000, seed: 32))
        let test = SyntheticBoostingData.linear(rows: 2_000, seed: 33)
        let r2 = SyntheticBoostingData.rSquared(try model.predict(test.features).p50, test.target)
        #expect(r2 >= 0.9, "R² with \(objective) was \(r2)")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("robust-objective-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let texts = try model.save(to: directory).map { try String(contentsOf: $0, encoding: .utf8) }
        #expect(texts.contains { $0.contains(nativeName) })
        #expect(try LightGBMForecaster.load(from: directory, logger: BoostingFamilyUnderTest.quietLogger).hyperparameters.objective == objective)
    }

    @Test func xgboostPseudoHuberObjectiveLearnsLinearSignal() throws {
        var h = XGBoostHyperparameters()
        h.objective = .pseudoHuber(slope: 1.0)
        h.trainIntervals = false
        let model = XGBoostForecaster(hyperparameters: h, logger: BoostingFamilyUnderTest.quietLogger)
        try model.fit(train: SyntheticBoostingData.linear(rows: 5_000, seed: 41), validation: SyntheticBoostingData.linear(rows: 1_000, seed: 42))
        let test = SyntheticBoostingData.linear(rows: 2_000, seed: 43)
        let forecast = try model.predict(test.features)
        let r2 = SyntheticBoostingData.rSquared(forecast.p50, test.target)
        #expect(r2 >= 0.9, "R² with pseudo-Huber loss was \(r2)")
        #expect(forecast.p10 == nil && forecast.p90 == nil, "no intervals when trainIntervals is false")
        #expect(model.bestIterations.keys.sorted() == ["p50"])
    }

    @Test func xgboostMedianFromQuantileModelSkipsPointBooster() throws {
        var h = XGBoostHyperparameters()
        h.medianSource = .quantileModel
        let model = XGBoostForecaster(hyperparameters: h, logger: BoostingFamilyUnderTest.quietLogger)
        try model.fit(train: SyntheticBoostingData.linear(rows: 5_000, seed: 51), validation: SyntheticBoostingData.linear(rows: 1_000, seed: 52))
        #expect(model.bestIterations.keys.sorted() == ["quantiles"])
        let test = SyntheticBoostingData.linear(rows: 2_000, seed: 53)
        let forecast = try model.predict(test.features)
        let r2 = SyntheticBoostingData.rSquared(forecast.p50, test.target)
        #expect(r2 >= 0.9, "R² of the quantile model's 0.5 column was \(r2)")
        #expect(forecast.p10 != nil && forecast.p90 != nil)
    }
}
