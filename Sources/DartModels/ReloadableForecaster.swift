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
