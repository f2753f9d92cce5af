@testable import DartModels
import DartFeatures
import Testing

@Suite struct MLPErrorTests {
    static let data = MLPSyntheticData.make(rows: 200, features: 3, seed: 9) { x, _ in x[0] }

    static func quickModel() -> MLPForecaster {
        var hyperparameters = MLPSyntheticData.quickHyperparameters()
        hyperparameters.maxEpochs = 2
        return MLPForecaster(hyperparameters: hyperparameters)
    }

    @Test func anEmptyTrainingSetIsRejected() {
        let empty = Dataset(features: FeatureMatrix(names: ["x0"], rowCount: 0, values: []), target: [])
        #expect(mlpErrorCode { try Self.quickModel().fit(train: empty, validation: nil) } == .emptyTrainingSet)
    }

    @Test func aNonFiniteTargetNamesItsRow() throws {
        var data = Self.data
        data.target[17] = .nan
        let error = mlpError { try Self.quickModel().fit(train: data, validation: nil) }
        #expect(error?.code == .nonFiniteTarget)
        #expect(error?.row == 17)
        #expect(error?.description.contains("row 17") == true)
    }

    @Test func anInfiniteFeatureNamesItsColumn() throws {
        var data = Self.data
        data.features[3, 2] = .infinity
        let error = mlpError { try Self.quickModel().fit(train: data, validation: nil) }
        #expect(error?.code == .infiniteFeature)
        #expect(error?.row == 3)
        #expect(error?.column == "x2")
    }

    @Test func predictingWithOtherColumnsIsRejected() throws {
        let model = Self.quickModel()
        #expect(mlpErrorCode { _ = try model.predict(Self.data.features) } == .notTrained)
        try model.fit(train: Self.data, validation: nil)
        var reordered = Self.data.features
        reordered.names = ["x0", "x2", "x1"]
        let error = mlpError { _ = try model.predict(reordered) }
        #expect(error?.code == .featureMismatch)
        #expect(error?.column == "x2")
        #expect(error?.description.contains("expects 'x1'") == true)
        let fewer = FeatureMatrix(names: ["x0"], rowCount: 1, values: [0])
        #expect(mlpErrorCode { _ = try model.predict(fewer) } == .featureMismatch)
        #expect(mlpErrorCode {
            try Self.quickModel().fit(train: Self.data, validation: Dataset(features: reordered, target: Self.data.target))
        } == .featureMismatch)
    }

    @Test func badHyperparametersNameTheSetting() {
        var hyperparameters = MLPHyperparameters()
        hyperparameters.hiddenLayers = [64]
        let error = mlpError { try MLPForecaster(hyperparameters: hyperparameters).fit(train: Self.data, validation: nil) }
        #expect(error?.code == .invalidHyperparameter)
        #expect(error?.column == "hiddenLayers")
    }
}
