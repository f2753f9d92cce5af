import DartConfig
import DartCore
import DartFeatures
import DartModels
import Foundation
import Logging
import Testing
@testable import DartPipeline

/// A family defined outside the pipeline: it forecasts the training mean plus a configured offset.
private final class MeanForecaster: Forecaster {
    let family = ModelFamily.zero  // ModelFamily is closed; the table keys families by name
    let offset: Float
    private(set) var featureNames: [String] = []
    private var mean: Float = .nan

    init(offset: Float) { self.offset = offset }

    func fit(train: Dataset, validation: Dataset?) throws {
        featureNames = train.features.names
        mean = train.target.reduce(0, +) / Float(train.target.count)
    }

    func predict(_ features: FeatureMatrix) throws -> QuantileForecast {
        QuantileForecast(p50: [Float](repeating: mean + offset, count: features.rowCount))
    }

    func save(to directory: URL) throws -> [URL] { [] }
}

private struct MeanFamily: ModelFamilyDescriptor {
    let name = "mean_test"

    func hyperparameters(_ context: FamilyContext) throws -> Float {
        // Hourly issues get a different offset, to show the product reaches the family.
        context.product == .hourly ? 2 : 1
    }

    func make(_ offset: Float, logger: Logger) -> any Forecaster { MeanForecaster(offset: offset) }

    func load(from directory: URL, logger: Logger) throws -> any Forecaster { MeanForecaster(offset: 0) }
}

@Suite struct ModelFamilyTableTests {
    static let logger = Logger(label: "dartcast.tests.families")

    @Test func aRegisteredFamilyIsListedAndBuiltLikeTheStandardOnes() throws {
        let table = ModelFamilyTable.standard.registering(MeanFamily())
        let families = ModelFamilies(settings: .defaults, table: table)
        #expect(families.table.names == ["lightgbm", "xgboost", "mlp", "mean_test"])

        // The trainer asks for a product's families, then makes and fits each one.
        let forecaster = try families.forProduct(.hourly).make(named: "mean_test", logger: Self.logger)
        let model = try #require(forecaster as? MeanForecaster)
        #expect(model.offset == 2)
        let features = FeatureMatrix(names: ["x"], rowCount: 3, values: [1, 2, 3])
        try model.fit(train: Dataset(features: features, target: [10, 20, 30]), validation: nil)
        #expect(try model.predict(features).p50 == [22, 22, 22])
    }

    @Test func theStandardTableKeepsTheTrainableFamiliesAndTheirSettings() throws {
        #expect(ModelFamilyTable.standard.names == ["lightgbm", "xgboost", "mlp"])
        #expect(ModelFamilies.trainable == [.lightgbm, .xgboost, .mlp])
        let hourly = ModelFamilies(settings: .defaults, threadsPerModel: 2).forProduct(.hourly)
        let lightgbm = try #require(try hourly.make(.lightgbm, logger: Self.logger, roundsByOutput: ["p50": 7],
                                                    quantileBoosters: false) as? LightGBMForecaster)
        #expect(lightgbm.hyperparameters.numLeaves == 63)  // the hourly override
        #expect(lightgbm.hyperparameters.maxRounds == 400)
        #expect(lightgbm.hyperparameters.numThreads == 2)
        #expect(lightgbm.hyperparameters.roundsByOutput == ["p50": 7])
        #expect(!lightgbm.hyperparameters.trainIntervals)
        #expect(try hourly.xgBoost().maxDepth == 7)
        #expect(try hourly.mlp().hiddenLayers == [64, 32])
        #expect(try ModelFamilies(settings: .defaults).make(.mlp, logger: Self.logger) is MLPForecaster)
    }

    @Test func unknownSettingsAndFamiliesAreErrorsThatSayWhatToUse() throws {
        var settings = ModelSettings.defaults
        settings.hyperparameters[.xgboost] = ["eta": 0.1, "num_leaves": 31]
        #expect(throws: PipelineError(.configuration, "models.hyperparameters.xgboost.num_leaves is not a known setting; use one of "
                                        + "alpha, colsample_bytree, early_stopping_rounds, eta, lambda, max_bin, max_depth, "
                                        + "min_child_weight, num_boost_round, subsample")) {
            try ModelFamilies(settings: settings).make(.xgboost, logger: Self.logger)
        }
        #expect(throws: PipelineError(.configuration, "model family 'zero' is not trainable; use one of lightgbm, xgboost, mlp")) {
            try ModelFamilies(settings: .defaults).make(.zero, logger: Self.logger)
        }
    }
}
