import DartConfig
import Testing

@Suite struct LegacySettingsTests {
    @Test func legacyExampleLoadsWithMappedValues() throws {
        let loaded = try SettingsLoader.load(path: RepositoryConfig.legacyExample, environment: [:], dotenvDirectory: nil)
        let settings = loaded.settings
        #expect(settings.scheduling.timezone == "America/Chicago")
        #expect(settings.scheduling.job(named: "daily_retrain")?.schedule == "0 5 * * *")
        #expect(settings.scheduling.job(named: "hourly_predict")?.schedule == "5 * * * *")
        // The legacy max_retries is the two forecast jobs' (the fetch job is new and keeps its own).
        #expect(settings.scheduling.jobs.filter { $0.action == .run }.map(\.name) == ["daily_retrain", "hourly_predict"])
        #expect(settings.scheduling.jobs.filter { $0.action == .run }.allSatisfy { $0.retries == 3 })
        #expect(settings.storage.objectStore.kind == .azure)
        #expect(settings.storage.objectStore.account == "ercotmlstorage")
        #expect(settings.storage.objectStore.container == "ercot-predictions")
        #expect(settings.storage.objectStore.path == "predictions/dart_spread")
        #expect(settings.output.partitionLayout == .legacy)
        #expect(settings.output.compression == .snappy)
        #expect(settings.output.writeSQL && settings.output.notify && settings.output.writeObjectStore)
        #expect(settings.notifications.teams.enabled)
        #expect(settings.notifications.email.recipients == ["trading-desk@example.com", "ml-ops@example.com"])
        #expect(settings.notifications.email.smtpHost == "smtp.office365.com")
        #expect(settings.notifications.email.from == "dart-forecast@example.com")
        #expect(settings.sql.schema == "ercot" && settings.sql.table == "predictions_dart_spread")
        #expect(settings.models.families == [.lightgbm, .xgboost, .mlp])
        #expect(settings.models.ensemble)
        #expect(settings.models.trainingWindowDays == 730)
        #expect(settings.models.threads == 0)
        #expect(settings.models.hyperparameters[.lightgbm]?["num_leaves"] == 63)
        #expect(settings.models.hyperparameters[.lightgbm]?["n_estimators"] == 1000)
        #expect(settings.models.hyperparameters[.mlp]?["hidden_units"] == 128)
        #expect(settings.monitoring.rollingMAEThreshold == 15)
        #expect(settings.monitoring.psiThreshold == 0.25)
        #expect(settings.monitoring.scoringWindowDays == 14)
    }

    @Test func legacyExampleWarnsAboutEveryOldKey() throws {
        let loaded = try SettingsLoader.load(path: RepositoryConfig.legacyExample, environment: [:], dotenvDirectory: nil)
        func paths(_ code: ConfigWarning.Code) -> Set<String> { Set(loaded.warnings.filter { $0.code == code }.map(\.path)) }
        #expect(paths(.legacyKeyIgnored) == [
            "scheduling.compute_target", "storage.model_path", "storage.local_cache_dir", "output.file_format",
            "notifications.teams_webhook_url", "notifications.slack_webhook_url",
            "sql.server", "sql.database", "sql.driver", "sql.if_exists", "sql.batch_size",
            "models.target_column", "models.test_size", "models.lightgbm_params.objective", "models.nn_params.activation",
            "monitoring.enable_drift_detection",
        ])
        #expect(paths(.legacyValueMapped) == ["scheduling.timezone", "models.models_to_train[2]"])
        #expect(paths(.legacyKeyMapped) == [
            "scheduling.retrain_schedule", "scheduling.prediction_schedule", "scheduling.enable_retraining", "scheduling.max_retries",
            "storage.storage_account", "storage.blob_container", "storage.output_path", "storage.enable_blob_storage",
            "storage.partition_format",
            "output.enable_sql_output", "output.enable_notifications", "output.save_features",
            "notifications.enable_teams", "notifications.enable_email", "notifications.email_recipients",
            "notifications.smtp_server", "notifications.smtp_port", "notifications.sender_email",
            "notifications.notify_on_success", "notifications.notify_on_failure",
            "sql.predictions_table",
            "models.models_to_train", "models.ensemble_method", "models.training_days", "models.random_state",
            "models.n_jobs", "models.lightgbm_params", "models.xgboost_params", "models.nn_params",
            "monitoring.mae_alert_threshold", "monitoring.drift_threshold", "monitoring.monitoring_window_days",
        ])
        #expect(paths(.secretMissing) == ["storage.object_store.account_key_env", "notifications.teams.url_env"])
        let timezoneWarning = loaded.warnings.first { $0.path == "scheduling.timezone" }
        #expect(timezoneWarning?.message.contains("America/Chicago") == true)
        #expect(timezoneWarning?.line == 5)
    }

    @Test func errorInMovedLegacyValueNamesTheKeyAsWritten() {
        let report = check(#"{"scheduling": {"retrain_schedule": "0 25 * * *"}}"#)
        let error = onlyError(report)
        #expect(error?.path == "scheduling.retrain_schedule")
        #expect(error?.code == .invalidValue)
        #expect(error?.message.contains("hour") == true)
    }

    @Test func legacyAndNewKeyTogetherConflict() {
        let report = check(#"{"monitoring": {"drift_threshold": 0.3, "psi_threshold": 0.2}}"#)
        #expect(onlyError(report)?.code == .conflictingKeys)
        #expect(onlyError(report)?.path == "monitoring.drift_threshold")
    }

    @Test func unsupportedPartitionFormatIsAnError() {
        let report = check(#"{"storage": {"partition_format": "YYYY-MM"}}"#)
        #expect(onlyError(report)?.path == "storage.partition_format")
    }

    @Test func legacyNonNumericHyperparametersAreDropped() throws {
        let report = check(#"{"models": {"xgboost_params": {"booster": "gbtree", "max_depth": 3}}}"#)
        let settings = try #require(report.loaded?.settings)
        #expect(settings.models.hyperparameters[.xgboost]?["max_depth"] == 3)
        #expect(settings.models.hyperparameters[.xgboost]?["booster"] == nil)
        #expect(report.warnings.contains { $0.path == "models.xgboost_params.booster" && $0.code == .legacyKeyIgnored })
    }
}
