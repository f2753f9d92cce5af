@testable import DartModels
import Testing

@Suite struct MLPEarlyStoppingTests {
    @Test func stopsBeforeMaxEpochsOnANoisyTargetAndRestoresTheBestWeights() throws {
        // Weak signal, heavy noise, many useless inputs and few rows: the net overfits soon.
        let data = MLPSyntheticData.make(rows: 1_500, features: 20, seed: 5) { x, noise in 0.3 * x[0] + 2 * noise }
        var hyperparameters = MLPSyntheticData.quickHyperparameters()
        hyperparameters.hiddenLayers = [128, 64]
        hyperparameters.maxEpochs = 300
        hyperparameters.patience = 5
        hyperparameters.weightDecay = 0
        let model = MLPForecaster(hyperparameters: hyperparameters)
        let validation = MLPSyntheticData.slice(data, 1_000..<1_500)
        try model.fit(train: MLPSyntheticData.slice(data, 0..<1_000), validation: validation)
        let summary = try #require(model.trainingSummary)

        #expect(summary.stoppedEarly)
        #expect(summary.epochsRun < hyperparameters.maxEpochs)
        #expect(summary.epochsRun == summary.bestEpoch + hyperparameters.patience)
        #expect(summary.bestValidationLoss == summary.validationLossByEpoch.min())
        #expect(summary.validationLossByEpoch.last! > summary.bestValidationLoss)
        // The kept weights are the best epoch's, not the last epoch's.
        #expect(try model.validationLoss(on: validation) == summary.bestValidationLoss)
    }

    @Test func carvesTheLastTenPercentWhenNoValidationIsGiven() throws {
        let data = MLPSyntheticData.make(rows: 1_000, features: 3, seed: 6) { x, _ in x[0] }
        var hyperparameters = MLPSyntheticData.quickHyperparameters()
        hyperparameters.maxEpochs = 3
        let model = MLPForecaster(hyperparameters: hyperparameters)
        try model.fit(train: data, validation: nil)
        let summary = try #require(model.trainingSummary)
        #expect(summary.validationCarvedFromTraining)
        #expect(summary.trainingRows == 900)
        #expect(summary.validationRows == 100)
        #expect(try model.validationLoss(on: MLPSyntheticData.slice(data, 900..<1_000)) == summary.bestValidationLoss)
    }
}
