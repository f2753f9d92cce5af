import DartModels

/// What every booster family takes from the shared model settings and from the fit it is made for.
protocol BoosterSettings {
    var seed: Int { get set }
    var numThreads: Int { get set }
    var roundsByOutput: [String: Int]? { get set }
    var trainIntervals: Bool { get set }
    var earlyStoppingRounds: Int { get set }
}

extension LightGBMHyperparameters: BoosterSettings {}
extension XGBoostHyperparameters: BoosterSettings {}

extension FamilyContext {
    /// `hyperparameters` with the settings' seed and threads and this fit's rounds, quantile
    /// boosters and early stopping; applied after the family's own keys, so it wins.
    func booster<Hyperparameters: BoosterSettings>(_ hyperparameters: Hyperparameters) -> Hyperparameters {
        var h = hyperparameters
        h.seed = settings.seed
        h.numThreads = threadsPerModel
        h.roundsByOutput = roundsByOutput
        h.trainIntervals = quantileBoosters
        if !stopsEarly { h.earlyStoppingRounds = 0 }
        return h
    }
}
