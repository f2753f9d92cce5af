@testable import DartModels
import DartFeatures
import DartTesting
import Foundation
import Testing

/// `inputClip` winsorises standardised inputs, in training and prediction, so a value far past
/// anything trained on cannot move the network further than a value at the bound.
@Suite struct MLPInputClipTests {
    @Test func standardisedValuesAreHeldWithinTheBound() throws {
        let matrix = FeatureMatrix(names: ["x"], rowCount: 5, values: [-1, 1, -1, 1, .nan])
        let clipped = try InputStandardizer(fitting: matrix, rows: 0..<4, missingIndicators: false, clip: 2)
        let far = FeatureMatrix(names: ["x"], rowCount: 4, values: [1.5, 40, -40, .nan])
        #expect(try clipped.transform(far, rows: 0..<4) == [1.5, 2, -2, 0])
        let unbounded = try InputStandardizer(fitting: matrix, rows: 0..<4, missingIndicators: false)
        #expect(try unbounded.transform(far, rows: 0..<4) == [1.5, 40, -40, 0])
    }

    /// Saturation: beyond the bound the forecast no longer moves; without it, it does.
    @Test func aModelWithABoundSaturatesAndKeepsItsBoundWhenReloaded() throws {
        let data = MLPSyntheticData.make(rows: 1_200, features: 3, seed: 5) { x, noise in 2 * x[0] + 0.1 * noise }
        let far = FeatureMatrix(names: data.features.names, rowCount: 2, values: [50, 0, 0, 500, 0, 0])
        func trained(clip: Double) throws -> MLPForecaster {
            var hyperparameters = MLPSyntheticData.quickHyperparameters(seed: 3)
            hyperparameters.maxEpochs = 10
            hyperparameters.inputClip = clip
            let model = MLPForecaster(hyperparameters: hyperparameters)
            try model.fit(train: data, validation: nil)
            return model
        }
        let bounded = try trained(clip: 4)
        let boundedForecast = try bounded.predict(far).p50
        #expect(boundedForecast[0] == boundedForecast[1])
        let free = try trained(clip: 0).predict(far).p50
        #expect(free[0] != free[1])

        let directory = try SamplePaths.temporaryDirectory("mlp-clip")
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try bounded.save(to: directory)
        let reloaded = try MLPForecaster.load(from: directory)
        #expect(reloaded.hyperparameters.inputClip == 4)
        #expect(try reloaded.predict(far).p50.map(\.bitPattern) == boundedForecast.map(\.bitPattern))
    }

    /// Artifacts written before the setting existed were trained unbounded and load that way.
    @Test func hyperparametersWithoutTheKeyDecodeUnbounded() throws {
        var hyperparameters = MLPHyperparameters()
        hyperparameters.inputClip = 5
        let encoded = try JSONEncoder().encode(hyperparameters)
        var object = try #require(try JSONSerialization.jsonObject(with: encoded) as? [String: Any])
        #expect(object["inputClip"] as? Double == 5)
        object.removeValue(forKey: "inputClip")
        let legacy = try JSONDecoder().decode(MLPHyperparameters.self, from: try JSONSerialization.data(withJSONObject: object))
        #expect(legacy.inputClip == 0)
        var expected = hyperparameters
        expected.inputClip = 0
        #expect(legacy == expected)
    }

    @Test func aNegativeBoundIsRefusedNamingTheSetting() {
        var hyperparameters = MLPHyperparameters()
        hyperparameters.inputClip = -1
        let error = mlpError { try hyperparameters.validate() }
        #expect(error?.code == .invalidHyperparameter && error?.column == "inputClip")
    }
}
