import DartConfig
import DartCore
import DartModels
import Foundation
import Logging

/// Builds and loads the trainable model families from settings, through a `ModelFamilyTable`.
///
/// Hyperparameters in `models.hyperparameters.<family>` use the libraries' own names; unknown
/// names are errors that name the key, so a typo never silently trains the default model.
public struct ModelFamilies: Sendable {
    public let settings: ModelSettings
    /// OpenMP threads per booster. Boosters of different families train concurrently, one thread each by default.
    public let threadsPerModel: Int
    /// The product whose hyperparameters apply (`models.hourly_hyperparameters` override for hourly).
    public let product: ForecastProduct
    /// The families that can be built; `ModelFamilyTable.standard` unless a caller adds its own.
    public let table: ModelFamilyTable

    public init(settings: ModelSettings, threadsPerModel: Int? = nil, product: ForecastProduct = .dayahead,
                table: ModelFamilyTable = .standard) {
        self.settings = settings
        self.threadsPerModel = threadsPerModel ?? max(1, settings.threads)
        self.product = product
        self.table = table
    }

    /// The same families with `product`'s hyperparameters.
    public func forProduct(_ product: ForecastProduct) -> ModelFamilies {
        ModelFamilies(settings: settings, threadsPerModel: threadsPerModel, product: product, table: table)
    }

    /// The standard table's families.
    public static let trainable: [ModelFamilyName] = ModelFamilyTable.standard.names

    /// The families the settings ask to train (`validate()` checks them against the table).
    public func families() -> [ModelFamilyName] { settings.families }

    /// Checks that the table holds every family the settings name; see `ModelFamilyTable.validate`.
    public func validate() throws { try table.validate(settings) }

    /// The settings each family reads, for this product.
    public func context(roundsByOutput: [String: Int]? = nil, quantileBoosters: Bool = true, stopsEarly: Bool = true) -> FamilyContext {
        FamilyContext(settings: settings, product: product, threadsPerModel: threadsPerModel,
                      roundsByOutput: roundsByOutput, quantileBoosters: quantileBoosters, stopsEarly: stopsEarly)
    }

    /// An unfitted forecaster. Hourly boosters with `models.hourly_horizon_buckets` set are one
    /// model per lead bucket (`HorizonSplitForecaster`); `roundsByOutput` then carries each
    /// bucket's keys (`p50@1-2`).
    /// - Parameters:
    ///   - roundsByOutput: boosting rounds per output chosen by cross-validation (they replace the budget).
    ///   - quantileBoosters: boosters also fit P10/P90 models; off when residual bands replace them.
    ///   - stopsEarly: boosters honour `early_stopping_rounds`; off for cross-validation folds.
    public func make(_ family: ModelFamilyName, logger: Logger, roundsByOutput: [String: Int]? = nil,
                     quantileBoosters: Bool = true, stopsEarly: Bool = true) throws -> any Forecaster {
        let descriptor = try descriptor(family)
        func build(_ rounds: [String: Int]?) throws -> any Forecaster {
            try descriptor.build(context(roundsByOutput: rounds, quantileBoosters: quantileBoosters, stopsEarly: stopsEarly), logger: logger)
        }
        guard product == .hourly, !settings.hourlyHorizonBuckets.isEmpty else { return try build(roundsByOutput) }
        let bounds = try HorizonBucketBounds(upperBounds: settings.hourlyHorizonBuckets)
        var members: [any RoundTunableForecaster] = []
        for bucket in 0..<bounds.count {
            let own = roundsByOutput.map { HorizonSplitForecaster.memberRounds($0, bucket: bucket, bounds: bounds) }
            let member = try build(own?.isEmpty == false ? own : nil)
            // A family without boosting rounds (the MLP) stays one model for every lead; rounds
            // do not apply to it, so this first build is the model.
            guard let tunable = member as? any RoundTunableForecaster else { return member }
            members.append(tunable)
        }
        return HorizonSplitForecaster(bounds: bounds, members: members)
    }

    /// Reloads a saved model: a registered family's own loader, else whichever baseline the directory holds.
    public static func load(_ family: ModelFamilyName, from directory: URL, logger: Logger,
                            table: ModelFamilyTable = .standard) throws -> any Forecaster {
        guard let descriptor = table.descriptor(named: family) else { return try BaselineLoader.load(from: directory) }
        if HorizonSplitForecaster.isSaved(in: directory) {
            return try HorizonSplitForecaster.load(from: directory) { try descriptor.load(from: directory, fileNamePrefix: $0, logger: logger) }
        }
        return try descriptor.load(from: directory, logger: logger)
    }

    func values(_ family: ModelFamilyName) -> [String: Double] { context().values(family) }

    public func lightGBM() throws -> LightGBMHyperparameters { try LightGBMFamily().hyperparameters(context()) }

    public func xgBoost() throws -> XGBoostHyperparameters { try XGBoostFamily().hyperparameters(context()) }

    public func mlp() throws -> MLPHyperparameters { try MLPFamily().hyperparameters(context()) }

    private func descriptor(_ name: ModelFamilyName) throws -> any ModelFamilyDescriptor {
        guard let descriptor = table.descriptor(named: name) else {
            throw PipelineError(.configuration, "model family '\(name)' is not trainable; use one of \(table.names.map(\.rawValue).joined(separator: ", "))")
        }
        return descriptor
    }
}
