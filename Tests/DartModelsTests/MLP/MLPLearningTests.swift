@testable import DartModels
import DartFeatures
import Foundation
import Testing

/// The MLP must recover planted signals and calibrated quantiles.
@Suite struct MLPLearningTests {
    @Test func learnsANoiselessLinearTarget() throws {
        let data = MLPSyntheticData.make(rows: 6_000, features: 5, seed: 1) { x, _ in 3 * x[0] - 2 * x[1] + 0.5 * x[2] }
        let model = MLPForecaster(hyperparameters: MLPSyntheticData.quickHyperparameters())
        try model.fit(train: MLPSyntheticData.slice(data, 0..<5_000), validation: nil)
        let heldOut = MLPSyntheticData.slice(data, 5_000..<6_000)
        let forecast = try model.predict(heldOut.features)
        let r2 = MLPSyntheticData.rSquared(actual: heldOut.target, predicted: forecast.p50)
        #expect(r2 >= 0.9, "held-out R² \(r2)")
    }

    @Test func learnsANonlinearTarget() throws {
        let data = MLPSyntheticData.make(rows: 6_000, features: 4, seed: 2) { x, _ in
            Float(sin(2 * Double(x[0]))) + 0.5 * x[1] * x[1] + x[0] * x[2]
        }
        let model = MLPForecaster(hyperparameters: MLPSyntheticData.quickHyperparameters())
        try model.fit(train: MLPSyntheticData.slice(data, 0..<5_000), validation: nil)
        let heldOut = MLPSyntheticData.slice(data, 5_000..<6_000)
        let r2 = MLPSyntheticData.rSquared(actual: heldOut.target, predicted: try model.predict(heldOut.features).p50)
        #expect(r2 >= 0.9, "held-out R² \(r2)")
    }

    @Test func quantileHeadsAreOrderedAndCoverAboutEightyPercent() throws {
        // Noise scale grows with |x1|: a calibrated P10–P90 band must widen with it.
        let data = MLPSyntheticData.make(rows: 8_000, features: 3, seed: 3) { x, noise in
            x[0] + (0.3 + abs(x[1])) * noise
        }
        let model = MLPForecaster(hyperparameters: MLPSyntheticData.quickHyperparameters())
        try model.fit(train: MLPSyntheticData.slice(data, 0..<5_000), validation: MLPSyntheticData.slice(data, 5_000..<6_000))
        let heldOut = MLPSyntheticData.slice(data, 6_000..<8_000)
        let forecast = try model.predict(heldOut.features)
        let p10 = try #require(forecast.p10), p90 = try #require(forecast.p90)
        var inside = 0
        var narrowWidth = 0.0, narrowCount = 0, wideWidth = 0.0, wideCount = 0
        for row in 0..<heldOut.target.count {
            #expect(p10[row] <= forecast.p50[row] && forecast.p50[row] <= p90[row], "row \(row) crosses")
            if p10[row] <= heldOut.target[row] && heldOut.target[row] <= p90[row] { inside += 1 }
            let x1 = abs(heldOut.features[row, 1])
            if x1 < 0.5 { narrowWidth += Double(p90[row] - p10[row]); narrowCount += 1 }
            if x1 > 1.5 { wideWidth += Double(p90[row] - p10[row]); wideCount += 1 }
        }
        let coverage = Double(inside) / Double(heldOut.target.count)
        #expect((0.7...0.9).contains(coverage), "P10–P90 coverage \(coverage)")
        #expect(wideWidth / Double(wideCount) > 2 * narrowWidth / Double(narrowCount), "band does not widen with the noise")
    }

    @Test func missingInputsAreImputedAndFlagged() throws {
        // x0 is missing in every third row; there the target is a constant 4 the indicator reveals.
        var data = MLPSyntheticData.make(rows: 5_000, features: 3, seed: 4) { x, _ in 2 * x[0] - x[1] }
        for row in stride(from: 0, to: 5_000, by: 3) {
            data.features[row, 0] = .nan
            data.target[row] = 4
        }
        let model = MLPForecaster(hyperparameters: MLPSyntheticData.quickHyperparameters())
        try model.fit(train: MLPSyntheticData.slice(data, 0..<4_000), validation: nil)
        #expect(model.state?.network.layerSizes.first == 4, "3 features + 1 missing indicator")
        let heldOut = MLPSyntheticData.slice(data, 4_000..<5_000)
        let forecast = try model.predict(heldOut.features)
        #expect(forecast.p50.allSatisfy { $0.isFinite })
        let r2 = MLPSyntheticData.rSquared(actual: heldOut.target, predicted: forecast.p50)
        #expect(r2 >= 0.9, "held-out R² \(r2)")
    }
}
