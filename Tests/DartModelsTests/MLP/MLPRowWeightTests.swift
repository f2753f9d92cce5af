@testable import DartModels
import DartFeatures
import Foundation
import Testing

/// Row weights (recency, `models.pre_regime_weight`) reach the MLP's loss as they reach the boosters'.
@Suite struct MLPRowWeightTests {
    /// 70% "old" rows with target 2·x0 + 10, then 30% "new" rows with 2·x0 − 10; no column tells them apart.
    static func regimes(rows: Int, seed: UInt64) -> Dataset {
        let data = MLPSyntheticData.make(rows: rows, features: 3, seed: seed) { x, noise in 2 * x[0] + 0.3 * noise }
        let oldRows = rows * 7 / 10
        let target = data.target.enumerated().map { row, y in y + (row < oldRows ? 10 : -10) }
        return Dataset(features: data.features, target: target)
    }

    static func weighted(_ data: Dataset, oldWeight: Float) -> Dataset {
        let oldRows = data.target.count * 7 / 10
        return Dataset(features: data.features, target: data.target,
                       weights: (0..<data.target.count).map { $0 < oldRows ? oldWeight : 1 })
    }

    /// Mean of P50 − 2·x0: the level the model settled on.
    static func level(_ model: MLPForecaster, _ features: FeatureMatrix) throws -> Float {
        let p50 = try model.predict(features).p50
        let x0 = features.column(named: "x0")!
        return (0..<features.rowCount).map { p50[$0] - 2 * features[$0, x0] }.reduce(0, +) / Float(features.rowCount)
    }

    @Test func lightOldRowsMoveTheMedianToTheNewLevel() throws {
        let train = Self.regimes(rows: 4_000, seed: 31), validation = Self.regimes(rows: 1_000, seed: 32)
        let probe = MLPSyntheticData.make(rows: 500, features: 3, seed: 33) { _, _ in 0 }.features

        let plain = MLPForecaster(hyperparameters: MLPSyntheticData.quickHyperparameters())
        try plain.fit(train: train, validation: validation)
        let weighted = MLPForecaster(hyperparameters: MLPSyntheticData.quickHyperparameters())
        let weightedValidation = Self.weighted(validation, oldWeight: 0.01)
        try weighted.fit(train: Self.weighted(train, oldWeight: 0.01), validation: weightedValidation)
        // Early stopping judged the weighted loss, the one `validationLoss(on:)` reports.
        let summary = try #require(weighted.trainingSummary)
        #expect(try weighted.validationLoss(on: weightedValidation) == summary.bestValidationLoss)
        #expect(try weighted.validationLoss(on: validation) != summary.bestValidationLoss)

        // Unweighted, the median follows the majority (old) rows; weighted, the new ones.
        #expect(try Self.level(plain, probe) > 5)
        #expect(try Self.level(weighted, probe) < -5)
    }

    @Test func unitWeightsTrainExactlyAsNoWeights() throws {
        let train = Self.regimes(rows: 1_500, seed: 41)
        var hyperparameters = MLPSyntheticData.quickHyperparameters()
        hyperparameters.maxEpochs = 5
        let plain = MLPForecaster(hyperparameters: hyperparameters)
        try plain.fit(train: train, validation: nil)
        let ones = MLPForecaster(hyperparameters: hyperparameters)
        try ones.fit(train: Self.weighted(train, oldWeight: 1), validation: nil)
        #expect(try plain.predict(train.features).p50 == ones.predict(train.features).p50)
    }

    @Test func aNegativeOrAllZeroWeightIsRefusedByRow() throws {
        let train = Self.regimes(rows: 200, seed: 51)
        var weights = [Float](repeating: 1, count: 200)
        weights[17] = -1
        let negative = mlpError {
            try MLPForecaster(hyperparameters: MLPSyntheticData.quickHyperparameters())
                .fit(train: Dataset(features: train.features, target: train.target, weights: weights), validation: nil)
        }
        #expect(negative?.code == .invalidWeight && negative?.row == 17 && negative?.column == "weights")
        let zero = mlpError {
            try MLPForecaster(hyperparameters: MLPSyntheticData.quickHyperparameters())
                .fit(train: train.withWeights(of: 0), validation: nil)
        }
        #expect(zero?.code == .invalidWeight && zero?.message.contains("models.pre_regime_weight") == true)
    }
}

extension Dataset {
    /// The same rows, every one weighing `weight`.
    fileprivate func withWeights(of weight: Float) -> Dataset {
        Dataset(features: features, target: target, weights: [Float](repeating: weight, count: target.count))
    }
}
