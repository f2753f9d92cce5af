import DartCore
import DartModels

/// LightGBM: the objective, seed and threads come from the shared model settings.
public struct LightGBMFamily: ReloadableFamily {
    public typealias Model = LightGBMForecaster

    public let name = ModelFamilyName.lightgbm

    public init() {}

    public func hyperparameters(_ context: FamilyContext) throws -> LightGBMHyperparameters {
        var h = LightGBMHyperparameters()
        h.objective = context.settings.objective == .huber ? .huber(delta: context.settings.huberDelta) : .l1
        try HyperparameterKeys<LightGBMHyperparameters>(name, [
            "num_iterations": .int(\.maxRounds), "learning_rate": .double(\.learningRate), "num_leaves": .int(\.numLeaves),
            "min_data_in_leaf": .int(\.minDataInLeaf), "feature_fraction": .double(\.featureFraction),
            "bagging_fraction": .double(\.baggingFraction), "bagging_freq": .int(\.baggingFrequency),
            "lambda_l1": .double(\.lambdaL1), "lambda_l2": .double(\.lambdaL2), "max_bin": .int(\.maxBin),
            "early_stopping_rounds": .int(\.earlyStoppingRounds),
        ]).apply(context.values(name), to: &h)
        return context.booster(h)
    }
}
