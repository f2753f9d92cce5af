import DartConfig
import DartCore
import DartModels
import Testing
@testable import DartPipeline

/// What every booster family takes from the fit it is made for wins over its own keys.
@Suite struct BoosterFamilySettingsTests {
    static func context(stopsEarly: Bool) -> FamilyContext {
        var settings = ModelSettings.defaults
        settings.hyperparameters[.lightgbm] = ["early_stopping_rounds": 20, "num_iterations": 50]
        settings.hyperparameters[.xgboost] = ["early_stopping_rounds": 7, "num_boost_round": 50]
        return FamilyContext(settings: settings, product: .dayahead, threadsPerModel: 1, roundsByOutput: ["p50": 12],
                             quantileBoosters: false, stopsEarly: stopsEarly)
    }

    @Test func crossValidationFoldsNeverStopEarlyWhateverTheSettingsSay() throws {
        let lightgbm = try LightGBMFamily().hyperparameters(Self.context(stopsEarly: true))
        let xgboost = try XGBoostFamily().hyperparameters(Self.context(stopsEarly: true))
        #expect(lightgbm.earlyStoppingRounds == 20 && xgboost.earlyStoppingRounds == 7)
        #expect(lightgbm.maxRounds == 50 && xgboost.maxRounds == 50)
        let foldLightGBM = try LightGBMFamily().hyperparameters(Self.context(stopsEarly: false))
        let foldXGBoost = try XGBoostFamily().hyperparameters(Self.context(stopsEarly: false))
        #expect(foldLightGBM.earlyStoppingRounds == 0 && foldXGBoost.earlyStoppingRounds == 0)
        // The rest of the fit's settings still reach both.
        for h in [foldLightGBM.roundsByOutput, foldXGBoost.roundsByOutput] { #expect(h == ["p50": 12]) }
        #expect(!foldLightGBM.trainIntervals && !foldXGBoost.trainIntervals)
        #expect(foldLightGBM.numThreads == 1 && foldXGBoost.numThreads == 1)
    }
}
