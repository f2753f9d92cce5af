import DartConfig
import Testing

/// The training-protocol keys of `models`: expanding window, folds, recency weighting, hourly overrides.
@Suite struct TrainingProtocolSettingsTests {
    @Test func defaultsAreAnExpandingWindowWithThreeFoldsAndNoEarlyStopping() {
        let models = Settings.defaults.models
        #expect(models.trainingWindowDays == 0)
        #expect(models.cvFolds == 3 && models.cvFoldDays == 30)
        #expect(models.recencyHalfLifeDays == 0 && models.preRegimeWeight == 1 && models.feedOutageShare == 0.1)
        #expect(models.minFeedHistoryDays == 60)
        #expect(models.hourlyIssueStride == 3 && models.hourlyHorizonBuckets == [2])
        #expect(models.ensemble && models.ensembleCombination == .median)
        #expect(models.hyperparameters[.lightgbm]?["early_stopping_rounds"] == 0)
        #expect(models.hyperparameters[.xgboost]?["early_stopping_rounds"] == 0)
        // Finer bins for hourly LightGBM only (docs/backtests.md § What decided each modelling choice).
        #expect(models.hyperparameters(.lightgbm, product: "hourly")["max_bin"] == 255)
        #expect(models.hyperparameters(.lightgbm, product: "dayahead")["max_bin"] == 63)
        #expect(models.hyperparameters(.xgboost, product: "hourly")["max_bin"] == 64)
        #expect(models.hyperparameters(.xgboost, product: "hourly")["max_depth"] == 6)
    }

    @Test func keysAreReadAndHourlyOverridesMerge() throws {
        let report = check(#"""
            {"models": {"training_window_days": 0, "cv_folds": 6, "cv_fold_days": 28, "recency_half_life_days": 180,
                        "hourly_issue_stride": 1, "pre_regime_weight": 0.3, "hourly_horizon_buckets": [2, 6],
                        "feed_outage_share": 0, "ensemble_combination": "inverse_mae", "min_feed_history_days": 0,
                        "hyperparameters": {"lightgbm": {"learning_rate": 0.02}},
                        "hourly_hyperparameters": {"lightgbm": {"num_leaves": 127}}}}
            """#)
        let models = try #require(report.loaded?.settings.models)
        #expect(models.cvFolds == 6 && models.cvFoldDays == 28 && models.recencyHalfLifeDays == 180 && models.hourlyIssueStride == 1)
        #expect(models.preRegimeWeight == 0.3 && models.hourlyHorizonBuckets == [2, 6] && models.feedOutageShare == 0)
        #expect(models.ensembleCombination == .inverseMAE && models.minFeedHistoryDays == 0)
        #expect(models.hyperparameters(.lightgbm, product: "dayahead")["num_leaves"] == 31)
        #expect(models.hyperparameters(.lightgbm, product: "hourly")["num_leaves"] == 127)
        // The default hourly override of the learning rate stays: only the names given change.
        #expect(models.hyperparameters(.lightgbm, product: "hourly")["learning_rate"] == 0.05)
        #expect(models.hyperparameters(.lightgbm, product: "dayahead")["learning_rate"] == 0.02)
    }

    @Test func aWindowOfAFewDaysIsRefusedByName() {
        #expect(onlyError(check(#"{"models": {"training_window_days": 3}}"#))?.path == "models.training_window_days")
        #expect(onlyError(check(#"{"models": {"cv_folds": -1}}"#))?.path == "models.cv_folds")
        #expect(onlyError(check(#"{"models": {"feed_outage_share": 0.8}}"#))?.path == "models.feed_outage_share")
        #expect(onlyError(check(#"{"models": {"min_feed_history_days": -5}}"#))?.path == "models.min_feed_history_days")
        #expect(onlyError(check(#"{"models": {"pre_regime_weight": 0}}"#))?.path == "models.pre_regime_weight")
        let combination = onlyError(check(#"{"models": {"ensemble_combination": "mean"}}"#))
        #expect(combination?.path == "models.ensemble_combination")
        #expect(combination?.message == #"expected one of median, inverse_mae, equal, got "mean""#)
        #expect(onlyError(check(#"{"models": {"hourly_hyperparameters": {"lightgbm": 5}}}"#))?.path == "models.hourly_hyperparameters.lightgbm")
        for bounds in ["[6, 2]", "[2, 2]", "[0]", "[2.5]", "[24]"] {
            let error = onlyError(check(#"{"models": {"hourly_horizon_buckets": "# + bounds + "}}"))
            #expect(error?.path == "models.hourly_horizon_buckets" && error?.message.contains("[2, 6]") == true, "\(bounds)")
        }
    }
}
