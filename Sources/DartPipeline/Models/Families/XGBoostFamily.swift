import DartCore
import DartModels

/// XGBoost: the objective (pseudo-Huber for huber), seed and threads come from the shared model
/// settings; a `huber_slope` hyperparameter sets this family's own loss (0 = absolute error).
public struct XGBoostFamily: ReloadableFamily {
    public typealias Model = XGBoostForecaster

    public let name = ModelFamilyName.xgboost

    public init() {}

    public func hyperparameters(_ context: FamilyContext) throws -> XGBoostHyperparameters {
        var h = XGBoostHyperparameters()
        if context.settings.objective == .huber { h.objective = .pseudoHuber(slope: context.settings.huberDelta) }
        let values = context.values(name)
        try HyperparameterKeys<XGBoostHyperparameters>(name, [
            "num_boost_round": .int(\.maxRounds), "eta": .double(\.learningRate), "max_depth": .int(\.maxDepth),
            "min_child_weight": .double(\.minChildWeight), "subsample": .double(\.subsample),
            "colsample_bytree": .double(\.columnSampleByTree), "lambda": .double(\.lambda), "alpha": .double(\.alpha),
            "max_bin": .int(\.maxBin), "early_stopping_rounds": .int(\.earlyStoppingRounds),
            // Replaces reg:absoluteerror's exact median per leaf after every tree, most of
            // XGBoost's hourly fitting time (docs/backtests.md § Session 18).
            "huber_slope": .lossScale(zeroMeans: "absolute error", positiveMeans: "slope in $/MWh for pseudo-Huber") {
                $0.objective = $1 > 0 ? .pseudoHuber(slope: $1) : .absoluteError
            },
        ]).apply(values, to: &h)
        return context.booster(h)
    }
}
