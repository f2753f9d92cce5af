import DartCore
import DartModels

/// XGBoost: the objective (pseudo-Huber for huber), seed and threads come from the shared model settings.
public struct XGBoostFamily: ReloadableFamily {
    public typealias Model = XGBoostForecaster

    public let name = ModelFamilyName.xgboost

    public init() {}

    public func hyperparameters(_ context: FamilyContext) throws -> XGBoostHyperparameters {
        var h = XGBoostHyperparameters()
        if context.settings.objective == .huber { h.objective = .pseudoHuber(slope: context.settings.huberDelta) }
        try HyperparameterKeys<XGBoostHyperparameters>(name, [
            "num_boost_round": .int(\.maxRounds), "eta": .double(\.learningRate), "max_depth": .int(\.maxDepth),
            "min_child_weight": .double(\.minChildWeight), "subsample": .double(\.subsample),
            "colsample_bytree": .double(\.columnSampleByTree), "lambda": .double(\.lambda), "alpha": .double(\.alpha),
            "max_bin": .int(\.maxBin), "early_stopping_rounds": .int(\.earlyStoppingRounds),
        ]).apply(context.values(name), to: &h)
        return context.booster(h)
    }
}
