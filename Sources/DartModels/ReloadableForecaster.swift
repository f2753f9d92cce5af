import Foundation
import Logging

/// A forecaster made from its hyperparameters and reloaded from the directory it saved, so a
/// model family table can build and load it without code of its own.
public protocol ReloadableForecaster: Forecaster {
    associatedtype Hyperparameters
    init(hyperparameters: Hyperparameters, logger: Logger)
    static func load(from directory: URL, logger: Logger) throws -> Self
}

extension LightGBMForecaster: ReloadableForecaster {}
extension XGBoostForecaster: ReloadableForecaster {}
extension MLPForecaster: ReloadableForecaster {}

/// A forecaster whose files can share a folder with another model of its family: every file
/// name it saves and loads is led by a prefix (the lead buckets of `HorizonSplitForecaster`).
public protocol PrefixedReloadableForecaster: ReloadableForecaster {
    static func load(from directory: URL, fileNamePrefix: String, logger: Logger) throws -> Self
}

extension LightGBMForecaster: PrefixedReloadableForecaster {}
extension XGBoostForecaster: PrefixedReloadableForecaster {}
