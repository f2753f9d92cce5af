import DartConfig
import DartCore
import DartFeatures
import DartModels
import Foundation
import Logging
import Testing
@testable import DartPipeline

/// A family defined outside the pipeline: it forecasts the training mean plus a configured
/// offset. Nothing else names it: no enum case, no settings reader change.
private final class MeanForecaster: Forecaster {
    static let fileName = "mean.json"
    let family: ModelFamilyName = "mean_test"
    let offset: Float
    private(set) var featureNames: [String] = []
    private(set) var mean: Float = .nan

    init(offset: Float) { self.offset = offset }

    func fit(train: Dataset, validation: Dataset?) throws {
        featureNames = train.features.names
        mean = train.target.reduce(0, +) / Float(train.target.count)
    }

    func predict(_ features: FeatureMatrix) throws -> QuantileForecast {
        QuantileForecast(p50: [Float](repeating: mean + offset, count: features.rowCount))
    }

    private struct Saved: Codable { var mean: Float, offset: Float, featureNames: [String] }

    func save(to directory: URL) throws -> [URL] {
        let url = directory.appendingPathComponent(Self.fileName)
        try JSONEncoder().encode(Saved(mean: mean, offset: offset, featureNames: featureNames)).write(to: url)
        return [url]
    }

    static func load(from directory: URL) throws -> MeanForecaster {
        let saved = try JSONDecoder().decode(Saved.self, from: Data(contentsOf: directory.appendingPathComponent(fileName)))
        let model = MeanForecaster(offset: saved.offset)
        model.mean = saved.mean
        model.featureNames = saved.featureNames
        return model
    }
}

/// The fake's descriptor: its one setting, `offset`, comes from `models.hyperparameters.mean_test`.
private struct MeanFamily: ModelFamilyDescriptor {
    let name: ModelFamilyName = "mean_test"

    func hyperparameters(_ context: FamilyContext) throws -> Float {
        var offset: Float = context.product == .hourly ? 2 : 1  // the product reaches the family
        try HyperparameterKeys<Float>(name, ["offset": .init { target, value in target = Float(value) }])
            .apply(context.values(name), to: &offset)
        return offset
    }

    func make(_ offset: Float, logger: Logger) -> any Forecaster { MeanForecaster(offset: offset) }

    func load(from directory: URL, logger: Logger) throws -> any Forecaster { try MeanForecaster.load(from: directory) }
}

@Suite(.serialized) struct ModelFamilyTableTests {
    static let logger = Logger(label: "dartcast.tests.families")
    /// The one registration line a new family needs.
    static let table = ModelFamilyTable.standard.registering(MeanFamily())

    @Test func aRegisteredFamilyIsListedAndBuiltLikeTheStandardOnes() throws {
        let families = ModelFamilies(settings: .defaults, table: Self.table)
        #expect(families.table.names == ["lightgbm", "xgboost", "mlp", "mean_test"])
        #expect(families.table.knownNames.contains("mean_test"))

        // The trainer asks for a product's families, then makes and fits each one.
        let forecaster = try families.forProduct(.hourly).make("mean_test", logger: Self.logger)
        let model = try #require(forecaster as? MeanForecaster)
        #expect(model.offset == 2)
        let features = FeatureMatrix(names: ["x"], rowCount: 3, values: [1, 2, 3])
        try model.fit(train: Dataset(features: features, target: [10, 20, 30]), validation: nil)
        #expect(try model.predict(features).p50 == [22, 22, 22])
    }

    @Test func settingsNamingARegisteredFamilyValidateAndReachIt() throws {
        let report = SettingsLoader.check(json: #"{"models": {"families": ["lightgbm", "mean_test"], "hyperparameters": {"mean_test": {"offset": 5}}}}"#)
        let models = try #require(report.loaded?.settings.models, "\(report.lines)")
        #expect(models.families == [.lightgbm, "mean_test"])
        try Self.table.validate(models)
        #expect(Self.table.unknownFamilies(in: models).isEmpty)
        let offset = try #require(try ModelFamilies(settings: models, table: Self.table).make("mean_test", logger: Self.logger) as? MeanForecaster).offset
        #expect(offset == 5)

        // Without the registration line the same settings are refused, naming each key and the registered families.
        #expect(throws: PipelineError(.configuration,
                                      #"models.families[1]: "mean_test" is not a registered model family; use one of lightgbm, xgboost, mlp; "#
                                      + #"models.hyperparameters.mean_test: "mean_test" is not a registered model family; use one of lightgbm, xgboost, mlp"#)) {
            try ModelFamilyTable.standard.validate(models)
        }
        var typo = models
        typo.hyperparameters["mean_test"] = ["ofset": 1]
        #expect(throws: PipelineError(.configuration, "models.hyperparameters.mean_test.ofset is not a known setting; use one of offset")) {
            try ModelFamilies(settings: typo, table: Self.table).make("mean_test", logger: Self.logger)
        }
    }

    /// The fake goes through a production run: `train_mean_test` trains and registers it, and the
    /// run's predict step loads it back from the registry and publishes its rows.
    @Test func aRegisteredFamilyIsTrainedAndPredictedByTheRun() async throws {
        let fixture = try PipelineFixture()
        try fixture.dropSampleIntoInbox()
        let json = PipelineFixture.settingsJSON(families: ["mean_test"])
            .replacingOccurrences(of: #""hyperparameters": {"#, with: #""hyperparameters": {"mean_test": {"offset": 3}, "#)
        let workspace = try fixture.workspace(json: json)
        try Self.table.validate(workspace.settings.models)
        let pipeline = RunPipeline(workspace: workspace, targets: fixture.pipeline(workspace).targets, families: Self.table)

        let trained = try await pipeline.execute(fixture.request()).record
        #expect(trained.steps.map(\.name) == ["ingest_new", "build_features", "train_mean_test", "predict", "publish"])
        let step = try #require(trained.steps.first { $0.name == "train_mean_test" })
        #expect(step.status == .succeeded, "\(step.error ?? "")")
        let versionID = try #require(step.detail["version"])
        let registry = try workspace.registry()
        #expect(try registry.version(versionID).family == "mean_test")
        if step.detail["alias"] != ModelAlias.champion.rawValue {
            // Whether a mean beats the zero forecast depends on the data; the load path is what is tested.
            try registry.promote(versionID, to: .champion, actor: "test", reason: "the fake family's load path")
        }

        let predicted = try await pipeline.execute(fixture.request(job: "test_predict"))
        let saved = try MeanForecaster.load(from: try #require(try registry.artifactURLs(versionID, verify: true).first).deletingLastPathComponent())
        #expect(predicted.record.modelVersions == ["mean_test": versionID])
        #expect(predicted.rows.count == 96)
        #expect(predicted.rows.allSatisfy { $0.modelFamily == "mean_test" && $0.p50 == Double(saved.mean + 3) })
    }

    @Test func theStandardTableKeepsTheTrainableFamiliesAndTheirSettings() throws {
        #expect(ModelFamilyTable.standard.names == ["lightgbm", "xgboost", "mlp"])
        #expect(ModelFamilyTable.standard.knownNames.map(\.rawValue)
                    == ["lightgbm", "xgboost", "mlp", "ensemble", "zero", "trailing_median", "naive_d1", "naive_d7", "naive_epf"])
        #expect(ModelFamilies.trainable == [.lightgbm, .xgboost, .mlp])
        let hourly = ModelFamilies(settings: .defaults, threadsPerModel: 2).forProduct(.hourly)
        // Hourly boosters: a 1–2 h model and a 3+ h one by default, each given its own rounds.
        let split = try #require(try hourly.make(.lightgbm, logger: Self.logger, roundsByOutput: ["p50@1-2": 7, "p50@3+": 9],
                                                 quantileBoosters: false) as? HorizonSplitForecaster)
        #expect(split.bounds.upperBounds == [2])
        let members = split.members.compactMap { $0 as? LightGBMForecaster }
        #expect(members.map(\.hyperparameters.roundsByOutput) == [["p50": 7], ["p50": 9]])
        let lightgbm = try #require(members.first)
        #expect(lightgbm.hyperparameters.numLeaves == 63)  // the hourly override
        #expect(lightgbm.hyperparameters.maxRounds == 200)  // the hourly budget (day-ahead: 200 as well)
        #expect(lightgbm.hyperparameters.numThreads == 2)
        #expect(!lightgbm.hyperparameters.trainIntervals)
        #expect(lightgbm.hyperparameters.maxBin == 255)  // hourly LightGBM's finer bins (day-ahead: 63)
        #expect(try hourly.xgBoost().maxDepth == 6)  // hourly XGBoost keeps the day-ahead depth
        #expect(try hourly.xgBoost().objective == .pseudoHuber(slope: 2))  // pseudo-Huber, $2 slope, both products
        #expect(try ModelFamilies(settings: .defaults).xgBoost().objective == .pseudoHuber(slope: 2))
        #expect(try hourly.mlp().hiddenLayers == [64, 32])
        #expect(try ModelFamilies(settings: .defaults).make(.mlp, logger: Self.logger) is MLPForecaster)
        // The MLP and the day-ahead product are never split.
        #expect(try hourly.make(.mlp, logger: Self.logger) is MLPForecaster)
        #expect(try ModelFamilies(settings: .defaults).make(.lightgbm, logger: Self.logger) is LightGBMForecaster)
        try ModelFamilyTable.standard.validate(.defaults)
    }

    @Test func unknownSettingsAndFamiliesAreErrorsThatSayWhatToUse() throws {
        var settings = ModelSettings.defaults
        settings.hyperparameters[.xgboost] = ["eta": 0.1, "num_leaves": 31]
        #expect(throws: PipelineError(.configuration, "models.hyperparameters.xgboost.num_leaves is not a known setting; use one of "
                                        + "alpha, colsample_bytree, early_stopping_rounds, eta, huber_slope, lambda, max_bin, max_depth, "
                                        + "min_child_weight, num_boost_round, subsample")) {
            try ModelFamilies(settings: settings).make(.xgboost, logger: Self.logger)
        }
        // huber_slope: 0 is absolute error, a negative slope is an error naming the key.
        settings.hyperparameters[.xgboost] = ["huber_slope": 0]
        #expect(try ModelFamilies(settings: settings).xgBoost().objective == .absoluteError)
        settings.hyperparameters[.xgboost] = ["huber_slope": -1]
        #expect(throws: PipelineError(.configuration, "xgboost huber_slope (models.hyperparameters or models.hourly_hyperparameters) is -1.0; "
                                        + "use 0 for absolute error or a positive slope in $/MWh for pseudo-Huber")) {
            try ModelFamilies(settings: settings).make(.xgboost, logger: Self.logger)
        }
        // fair_c: 0 keeps models.objective, a positive scale is the fair loss, a negative one an error naming the key.
        settings.hyperparameters[.lightgbm] = ["fair_c": 0]
        #expect(try ModelFamilies(settings: settings).lightGBM().objective == .l1)
        settings.hyperparameters[.lightgbm] = ["fair_c": 3]
        #expect(try ModelFamilies(settings: settings).lightGBM().objective == .fair(c: 3))
        settings.hyperparameters[.lightgbm] = ["fair_c": -2]
        #expect(throws: PipelineError(.configuration, "lightgbm fair_c (models.hyperparameters or models.hourly_hyperparameters) is -2.0; "
                                        + "use 0 for the objective of models.objective or a positive scale in $/MWh for the fair loss")) {
            try ModelFamilies(settings: settings).make(.lightgbm, logger: Self.logger)
        }
        // The range check is the key table's: keys are read in order, so a misspelt key is reported first.
        settings.hyperparameters[.lightgbm] = ["fair_c": -2, "bagging_fractoin": 0.5]
        #expect(throws: PipelineError(.configuration, "models.hyperparameters.lightgbm.bagging_fractoin is not a known setting; use one of "
                                        + "bagging_fraction, bagging_freq, early_stopping_rounds, fair_c, feature_fraction, lambda_l1, lambda_l2, "
                                        + "learning_rate, max_bin, min_data_in_leaf, num_iterations, num_leaves")) {
            try ModelFamilies(settings: settings).make(.lightgbm, logger: Self.logger)
        }
        #expect(throws: PipelineError(.configuration, "model family 'zero' is not trainable; use one of lightgbm, xgboost, mlp")) {
            try ModelFamilies(settings: .defaults).make(.zero, logger: Self.logger)
        }
        // An unregistered name in settings: the family table names the key and what to use.
        var unknown = ModelSettings.defaults
        unknown.families = [.lightgbm, "catboost"]
        unknown.hourlyHyperparameters["catboost"] = [:]
        #expect(ModelFamilyTable.standard.unknownFamilies(in: unknown).map(\.path)
                    == ["models.families[1]", "models.hourly_hyperparameters.catboost"])
        #expect(throws: PipelineError(.configuration,
                                      #"models.families[1]: "catboost" is not a registered model family; use one of lightgbm, xgboost, mlp; "#
                                      + #"models.hourly_hyperparameters.catboost: "catboost" is not a registered model family; use one of lightgbm, xgboost, mlp"#)) {
            try ModelFamilies(settings: unknown).validate()
        }
    }
}
