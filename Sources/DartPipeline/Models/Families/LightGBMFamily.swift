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
        let values = context.values(name)
        try HyperparameterKeys<LightGBMHyperparameters>(name, [
            "num_iterations": .int(\.maxRounds), "learning_rate": .double(\.learningRate), "num_leaves": .int(\.numLeaves),
            "min_data_in_leaf": .int(\.minDataInLeaf), "feature_fraction": .double(\.featureFraction),
            "bagging_fraction": .double(\.baggingFraction), "bagging_freq": .int(\.baggingFrequency),
            "lambda_l1": .double(\.lambdaL1), "lambda_l2": .double(\.lambdaL2), "max_bin": .int(\.maxBin),
            "early_stopping_rounds": .int(\.earlyStoppingRounds),
            // A smooth robust loss instead of absolute error's per-leaf median refresh.
            "fair_c": .lossScale(zeroMeans: "the objective of models.objective",
                                 positiveMeans: "scale in $/MWh for the fair loss") { if $1 > 0 { $0.objective = .fair(c: $1) } },
        ]).apply(values, to: &h)
        return context.booster(h)
    }
}
