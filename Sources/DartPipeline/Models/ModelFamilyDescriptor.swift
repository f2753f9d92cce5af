import DartConfig
import DartCore
import DartModels
import Foundation
import Logging

/// One trainable model family: its name, how it resolves its settings for a product, and how
/// it builds and reloads its forecaster. Adding a family is one conforming type plus one line
/// in `ModelFamilyTable.standard`; a `ReloadableFamily` gets `make` and `load` from its forecaster.
public protocol ModelFamilyDescriptor: Sendable {
    associatedtype Hyperparameters

    /// The name in settings (`models.hyperparameters.<name>`), the registry and on disk.
    var name: ModelFamilyName { get }
    /// The family's hyperparameters for `context.product`: shared model settings first, then
    /// its `models.hyperparameters` keys. Throws `PipelineError` naming a key it does not know.
    func hyperparameters(_ context: FamilyContext) throws -> Hyperparameters
    /// An unfitted forecaster.
    func make(_ hyperparameters: Hyperparameters, logger: Logger) -> any Forecaster
    /// Reloads a model directory this family's forecaster saved.
    func load(from directory: URL, logger: Logger) throws -> any Forecaster
    /// Reloads the files whose names `fileNamePrefix` leads (one lead bucket's model).
    func load(from directory: URL, fileNamePrefix: String, logger: Logger) throws -> any Forecaster
}

/// A family whose forecaster makes and reloads itself: `make` and `load` come for free.
public protocol ReloadableFamily: ModelFamilyDescriptor where Hyperparameters == Model.Hyperparameters {
    associatedtype Model: ReloadableForecaster
}

extension ReloadableFamily {
    public func make(_ hyperparameters: Hyperparameters, logger: Logger) -> any Forecaster {
        Model(hyperparameters: hyperparameters, logger: logger)
    }

    public func load(from directory: URL, logger: Logger) throws -> any Forecaster {
        try Model.load(from: directory, logger: logger)
    }

    public func load(from directory: URL, fileNamePrefix: String, logger: Logger) throws -> any Forecaster {
        guard let prefixed = Model.self as? any PrefixedReloadableForecaster.Type else {
            return try unprefixedLoad(from: directory, fileNamePrefix: fileNamePrefix, logger: logger)
        }
        return try prefixed.load(from: directory, fileNamePrefix: fileNamePrefix, logger: logger)
    }
}

extension ModelFamilyDescriptor {
    /// A family whose files carry no prefix loads only unprefixed folders.
    public func load(from directory: URL, fileNamePrefix: String, logger: Logger) throws -> any Forecaster {
        try unprefixedLoad(from: directory, fileNamePrefix: fileNamePrefix, logger: logger)
    }

    func unprefixedLoad(from directory: URL, fileNamePrefix: String, logger: Logger) throws -> any Forecaster {
        guard fileNamePrefix.isEmpty else {
            throw PipelineError(.noModel, "\(directory.path) holds \(name.rawValue) files named '\(fileNamePrefix)…', which this family cannot load; retrain the model")
        }
        return try load(from: directory, logger: logger)
    }
    /// Resolves the settings and builds the forecaster; callable on `any ModelFamilyDescriptor`.
    func build(_ context: FamilyContext, logger: Logger) throws -> any Forecaster {
        make(try hyperparameters(context), logger: logger)
    }
}

/// What a family reads to build one forecaster.
public struct FamilyContext: Sendable {
    public var settings: ModelSettings
    public var product: ForecastProduct
    /// OpenMP threads per booster.
    public var threadsPerModel: Int
    /// Boosting rounds per output chosen by cross-validation (they replace the budget).
    public var roundsByOutput: [String: Int]?
    /// Boosters also fit P10/P90 models; off when residual bands replace them.
    public var quantileBoosters: Bool
    /// Boosters honour `early_stopping_rounds`. Off for cross-validation folds: their rounds are
    /// chosen from every fold's whole curve, and a fold cut at its own best round would be scored
    /// on the rows that chose the cut.
    public var stopsEarly: Bool

    public init(settings: ModelSettings, product: ForecastProduct, threadsPerModel: Int,
                roundsByOutput: [String: Int]? = nil, quantileBoosters: Bool = true, stopsEarly: Bool = true) {
        self.settings = settings
        self.product = product
        self.threadsPerModel = threadsPerModel
        self.roundsByOutput = roundsByOutput
        self.quantileBoosters = quantileBoosters
        self.stopsEarly = stopsEarly
    }

    /// `models.hyperparameters.<family>` for the product (hourly overrides applied); empty when
    /// the settings give none.
    public func values(_ family: ModelFamilyName) -> [String: Double] {
        settings.hyperparameters(family, product: product.rawValue)
    }
}
