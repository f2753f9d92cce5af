import DartConfig
import DartCore
import Testing

@Suite struct RoundTripTests {
    /// Settings differing from the defaults in every section.
    static func customized() -> Settings {
        var settings = Settings.defaults
        settings.scheduling.timezone = "America/Chicago"
        settings.scheduling.jobs[0].catchUp = .all
        settings.scheduling.jobs[0].catchUpMax = 4
        settings.scheduling.jobs[1].schedule = "5 * * * *"
        settings.scheduling.jobs[1].overlap = .queue
        settings.scheduling.jobs.append(JobSettings(name: "weekly_backtest", enabled: false, schedule: "0 6 * * sun",
                                                    product: .dayahead, retrain: true, deadlineMinutes: 600))
        settings.market.damPublishTime = LocalTimeOfDay(hour: 13, minute: 45)!
        settings.market.rtPublicationLagMinutes = 20
        settings.market.settlementPoints = [SettlementPoint("HB_NORTH")!, SettlementPoint("LZ_WEST")!]
        settings.storage.dataDir = "/var/lib/dartcast"
        settings.storage.marketStore.sqlitePath = "/var/lib/dartcast/prices.sqlite"
        settings.storage.objectStore = ObjectStoreSettings(kind: .s3, path: "dart/v1", bucket: "forecasts",
                                                           endpoint: "http://127.0.0.1:8333", region: "us-east-2")
        settings.output.partitionLayout = .legacy
        settings.output.compression = .snappy
        settings.output.writeFeatureFrames = true
        settings.output.writeSQL = true
        settings.output.notify = true
        settings.notifications.enabled = true
        settings.notifications.onSuccess = true
        settings.notifications.timeoutSeconds = 2.5
        settings.notifications.slack.enabled = true
        settings.notifications.email = EmailSettings(enabled: true, smtpHost: "smtp.example.com", smtpPort: 2525,
                                                     starttls: false, from: "dartcast@example.com",
                                                     recipients: ["desk@example.com"], passwordEnv: "SMTP_PW")
        settings.sql = SQLSettings(enabled: true, backend: .postgres, schema: "power", table: "dart_forecasts")
        settings.models.families = [.lightgbm, .mlp]
        settings.models.objective = .huber
        settings.models.quantiles = [0.05, 0.5, 0.95]
        settings.models.seed = 7
        settings.models.threads = 1
        settings.models.hyperparameters[.lightgbm]?["num_leaves"] = 15
        settings.monitoring.rollingMAEThreshold = 12.5
        settings.monitoring.worseThanZeroDays = 5
        settings.sources.postgres = PostgresSourceSettings(
            dsnEnv: "SOURCE_DSN",
            dam: SourceTableMapping(table: "ercot.dam_spp", columns: [
                "delivery_date": "oper_day", "hour_ending": "he", "dst_flag": "dst", "settlement_point": "sp", "price": "spp"]))
        return settings
    }

    @Test func customizedSettingsSurviveWriteAndRead() throws {
        let original = Self.customized()
        let report = check(original.settingsFileText)
        #expect(report.errors.isEmpty, "\(report.errors)")
        let loaded = try #require(report.loaded)
        #expect(loaded.settings == original)
        #expect(loaded.settings != Settings.defaults)
    }

    @Test func partialFileKeepsDefaultsForTheRest() throws {
        let report = check(#"{"models": {"seed": 9, "hyperparameters": {"xgboost": {"max_depth": 4}}}}"#)
        let settings = try #require(report.loaded?.settings)
        #expect(settings.models.seed == 9)
        #expect(settings.models.hyperparameters[.xgboost]?["max_depth"] == 4)
        #expect(settings.models.hyperparameters[.xgboost]?["eta"] == ModelSettings.defaultHyperparameters[.xgboost]?["eta"])
        #expect(settings.models.hyperparameters[.xgboost]?["eta"] != nil)
        #expect(settings.scheduling == Settings.defaults.scheduling)
    }

    @Test func newJobNeedsScheduleAndProduct() {
        let report = check(#"{"scheduling": {"jobs": {"nightly": {"enabled": true}}}}"#)
        #expect(report.errors.count == 2)
        #expect(report.errors.allSatisfy { $0.path == "scheduling.jobs.nightly" && $0.code == .invalidValue })
        #expect(report.errors.contains { $0.message.contains("\"schedule\"") })
    }
}
