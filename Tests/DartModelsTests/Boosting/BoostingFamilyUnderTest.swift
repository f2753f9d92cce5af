import DartModels
import Testing
import Foundation
import Logging

/// Lets one test body run against both boosting forecasters, always with one thread.
enum BoostingFamilyUnderTest: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case lightgbm, xgboost

    var testDescription: String { rawValue }

    static let quietLogger = Logger(label: "dartcast.test.boosting") { _ in SwiftLogNoOpLogHandler() }

    /// A forecaster with test-friendly defaults; `raw` is passed through the raw-parameter escape hatch.
    func make(raw: [String: String] = [:], maxRounds: Int? = nil, earlyStopping: Int? = nil) -> any Forecaster {
        switch self {
        case .lightgbm:
            var h = LightGBMHyperparameters()
            (h.numThreads, h.rawParameters) = (1, raw)
            (h.maxRounds, h.earlyStoppingRounds) = (maxRounds ?? h.maxRounds, earlyStopping ?? h.earlyStoppingRounds)
            return LightGBMForecaster(hyperparameters: h, logger: Self.quietLogger)
        case .xgboost:
            var h = XGBoostHyperparameters()
            (h.numThreads, h.rawParameters) = (1, raw)
            (h.maxRounds, h.earlyStoppingRounds) = (maxRounds ?? h.maxRounds, earlyStopping ?? h.earlyStoppingRounds)
            return XGBoostForecaster(hyperparameters: h, logger: Self.quietLogger)
        }
    }

    func load(from directory: URL) throws -> any Forecaster {
        switch self {
        case .lightgbm: try LightGBMForecaster.load(from: directory, logger: Self.quietLogger)
        case .xgboost: try XGBoostForecaster.load(from: directory, logger: Self.quietLogger)
        }
    }

    func bestIterations(of forecaster: any Forecaster) -> [String: Int] {
        switch forecaster {
        case let model as LightGBMForecaster: model.bestIterations
        case let model as XGBoostForecaster: model.bestIterations
        default: [:]
        }
    }

    /// A raw parameter the library itself rejects, and a word its message must contain.
    var invalidRawParameter: (parameters: [String: String], messageMentions: String) {
        switch self {
        case .lightgbm: (["num_leaves": "-3"], "num_leaves")
        case .xgboost: (["max_depth": "-3"], "max_depth")
        }
    }

    /// The C function that reads a saved model file.
    var modelLoadCall: String {
        switch self {
        case .lightgbm: "LGBM_BoosterCreateFromModelfile"
        case .xgboost: "XGBoosterLoadModel"
        }
    }

    var library: BoostingLibrary {
        switch self {
        case .lightgbm: .lightgbm
        case .xgboost: .xgboost
        }
    }
}
