/// What becomes of each key of the replaced Python system's settings.json
/// (documented in docs/configuration.md, which must list the same keys).
enum LegacyKeyRule {
    /// Read under a new dotted path.
    case rename(String)
    /// Converted by `LegacyValueTransforms` into one or more new paths.
    case transform(LegacyValueTransform)
    /// Not read; the reason goes into the warning.
    case ignore(String)
    /// Held a secret in plain text: refused unless empty. The secret belongs in the variable
    /// named by the `*_env` key at `envKey` (default `envVar`).
    case secret(envKey: String, envVar: String)
}

enum LegacyValueTransform {
    case bothJobsRetries
    case blobContainer
    case partitionFormat
    case predictionsTable
    case ensembleMethod
    case threadCount
    case hyperparameters(family: String)
}

enum LegacyKeyRules {
    static let all: [String: LegacyKeyRule] = [
        "scheduling.retrain_schedule": .rename("scheduling.jobs.daily_retrain.schedule"),
        "scheduling.prediction_schedule": .rename("scheduling.jobs.hourly_predict.schedule"),
        "scheduling.enable_retraining": .rename("scheduling.jobs.daily_retrain.retrain"),
        "scheduling.max_retries": .transform(.bothJobsRetries),
        "scheduling.compute_target": .ignore("dartcast runs where it is started; there is no Azure ML compute cluster"),

        "storage.blob_container": .transform(.blobContainer),
        "storage.storage_account": .rename("storage.object_store.account"),
        "storage.output_path": .rename("storage.object_store.path"),
        "storage.model_path": .ignore("models live in the registry under storage.data_dir"),
        "storage.partition_format": .transform(.partitionFormat),
        "storage.enable_blob_storage": .rename("output.write_object_store"),
        "storage.local_cache_dir": .ignore("dartcast keeps no download cache; ingested data is in the market store"),
        "storage.connection_string": .secret(envKey: "storage.object_store.account_key_env", envVar: "DARTCAST_AZURE_STORAGE_KEY"),

        "output.enable_sql_output": .rename("output.write_sql"),
        "output.enable_notifications": .rename("output.notify"),
        "output.save_features": .rename("output.write_feature_frames"),
        "output.file_format": .ignore("outputs are always Parquet"),

        "notifications.teams_webhook_url": .secret(envKey: "notifications.teams.url_env", envVar: "DARTCAST_TEAMS_WEBHOOK_URL"),
        "notifications.slack_webhook_url": .secret(envKey: "notifications.slack.url_env", envVar: "DARTCAST_SLACK_WEBHOOK_URL"),
        "notifications.smtp_password": .secret(envKey: "notifications.email.password_env", envVar: "DARTCAST_SMTP_PASSWORD"),
        "notifications.enable_teams": .rename("notifications.teams.enabled"),
        "notifications.enable_slack": .rename("notifications.slack.enabled"),
        "notifications.enable_email": .rename("notifications.email.enabled"),
        "notifications.email_recipients": .rename("notifications.email.recipients"),
        "notifications.smtp_server": .rename("notifications.email.smtp_host"),
        "notifications.smtp_port": .rename("notifications.email.smtp_port"),
        "notifications.sender_email": .rename("notifications.email.from"),
        "notifications.notify_on_success": .rename("notifications.on_success"),
        "notifications.notify_on_failure": .rename("notifications.on_failure"),

        "sql.predictions_table": .transform(.predictionsTable),
        "sql.server": .ignore("SQL Server is not supported; use sql.backend (sqlite or postgres) and put a PostgreSQL DSN in the variable named by sql.dsn_env"),
        "sql.database": .ignore("the database is part of the DSN in the variable named by sql.dsn_env"),
        "sql.driver": .ignore("no ODBC driver is used"),
        "sql.username": .ignore("credentials are part of the DSN in the variable named by sql.dsn_env"),
        "sql.password": .secret(envKey: "sql.dsn_env", envVar: "DARTCAST_SQL_DSN"),
        "sql.if_exists": .ignore("rows are upserted on their key, so a re-run replaces rather than appends"),
        "sql.batch_size": .ignore("dartcast writes each run in one transaction"),

        "models.models_to_train": .rename("models.families"),
        "models.ensemble_method": .transform(.ensembleMethod),
        "models.training_days": .rename("models.training_window_days"),
        "models.random_state": .rename("models.seed"),
        "models.n_jobs": .transform(.threadCount),
        "models.lightgbm_params": .transform(.hyperparameters(family: "lightgbm")),
        "models.xgboost_params": .transform(.hyperparameters(family: "xgboost")),
        "models.nn_params": .transform(.hyperparameters(family: "mlp")),
        "models.target_column": .ignore("the target is always DART = DAM price − RT price"),
        "models.test_size": .ignore("evaluation is a rolling-origin backtest, not a random split"),
        "models.feature_columns": .ignore("features are built as of each forecast's issue time by dartcast"),

        "monitoring.mae_alert_threshold": .rename("monitoring.rolling_mae_threshold"),
        "monitoring.drift_threshold": .rename("monitoring.psi_threshold"),
        "monitoring.monitoring_window_days": .rename("monitoring.scoring_window_days"),
        "monitoring.enable_drift_detection": .ignore("drift (PSI) is always computed; alerts follow monitoring.psi_threshold"),
    ]
}
