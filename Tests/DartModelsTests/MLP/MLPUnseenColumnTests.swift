@testable import DartModels
import DartFeatures
import DartTesting
import Foundation
import Testing

/// A column with no value in the training rows (a feed left out of training) stays missing when
/// its values reappear: the network has no learned weights for it.
@Suite struct MLPUnseenColumnTests {
    @Test func aColumnNeverSeenInTrainingIsImputedWhateverItHolds() throws {
        let training = FeatureMatrix(names: ["x", "feed"], rowCount: 4, values: [-1, .nan, 1, .nan, -1, .nan, 1, .nan])
        for indicators in [false, true] {
            let standardizer = try InputStandardizer(fitting: training, rows: 0..<4, missingIndicators: indicators)
            let back = FeatureMatrix(names: ["x", "feed"], rowCount: 2, values: [1, 500, 1, .nan])
            let rows = try standardizer.transform(back, rows: 0..<2)
            // The row with the feed back reads exactly as the row without it (indicator included).
            #expect(Array(rows[0..<standardizer.outputWidth]) == Array(rows[standardizer.outputWidth...]))
            #expect(rows[1] == 0)
        }
    }

    /// The same through a real model, before and after a save and reload.
    @Test func aTrainedModelIgnoresAFeedThatReturnsAfterTraining() throws {
        let data = MLPSyntheticData.make(rows: 800, features: 3, seed: 11) { x, noise in 2 * x[0] + 0.1 * noise }
        var values = data.features.values
        for row in 0..<data.features.rowCount { values[row * 3 + 2] = .nan }
        let training = Dataset(features: FeatureMatrix(names: data.features.names, rowCount: data.features.rowCount, values: values),
                               target: data.target)
        var hyperparameters = MLPSyntheticData.quickHyperparameters(seed: 2)
        hyperparameters.maxEpochs = 5
        let model = MLPForecaster(hyperparameters: hyperparameters)
        try model.fit(train: training, validation: nil)
        let gone = FeatureMatrix(names: data.features.names, rowCount: 1, values: [0.5, 0.2, .nan])
        let back = FeatureMatrix(names: data.features.names, rowCount: 1, values: [0.5, 0.2, 80])
        let forecast = try model.predict(gone).p50
        #expect(try model.predict(back).p50.map(\.bitPattern) == forecast.map(\.bitPattern))

        let directory = try SamplePaths.temporaryDirectory("mlp-unseen")
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try model.save(to: directory)
        let reloaded = try MLPForecaster.load(from: directory)
        #expect(try reloaded.predict(back).p50.map(\.bitPattern) == forecast.map(\.bitPattern))
    }
}
