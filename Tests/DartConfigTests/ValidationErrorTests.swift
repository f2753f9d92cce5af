import DartConfig
import DartTesting
import Foundation
import Testing

@Suite struct ValidationErrorTests {
    @Test func unknownKeyNamesItsPathAndSuggestsTheSpelling() throws {
        let report = check(#"{"scheduling": {"jobs": {"daily_retrain": {"catchup": "all"}}}}"#)
        let error = try #require(onlyError(report))
        #expect(error.code == .unknownKey)
        #expect(error.path == "scheduling.jobs.daily_retrain.catchup")
        #expect(error.message.contains("Did you mean \"catch_up\"?"))
        #expect(error.line == 1)
    }

    @Test func unknownTopLevelSectionIsAnError() {
        let report = check(#"{"schedulling": {}}"#)
        #expect(onlyError(report)?.path == "schedulling")
        #expect(onlyError(report)?.message.contains("scheduling") == true)
    }

    @Test func wrongTypeNamesPathAndExpectedType() throws {
        let report = check("""
        {
          "market": {
            "rt_publication_lag_minutes": "15"
          }
        }
        """)
        let error = try #require(onlyError(report))
        #expect(error.code == .wrongType)
        #expect(error.path == "market.rt_publication_lag_minutes")
        #expect(error.message == "expected a whole number, got a string")
        #expect(error.line == 3)
        #expect(error.column == 35)
        #expect(error.description == "settings.json:3:35: market.rt_publication_lag_minutes: expected a whole number, got a string")
    }

    @Test func fractionWhereWholeNumberBelongsIsAnError() {
        #expect(onlyError(check(#"{"models": {"seed": 1.5}}"#))?.code == .wrongType)
    }

    @Test func badEnumValueListsTheChoices() throws {
        let report = check(#"{"scheduling": {"jobs": {"daily_retrain": {"catch_up": "sometimes"}}}}"#)
        let error = try #require(onlyError(report))
        #expect(error.description.contains(#"scheduling.jobs.daily_retrain.catch_up: expected one of latest, all, none, got "sometimes""#))
        #expect(onlyError(check(#"{"output": {"compression": "gzip"}}"#))?.message == #"expected one of zstd, snappy, got "gzip""#)
        #expect(onlyError(check(#"{"storage": {"object_store": {"kind": "gcs"}}}"#))?.path == "storage.object_store.kind")
        #expect(onlyError(check(#"{"models": {"families": ["lightgbm", "lightgbm"]}}"#))?.path == "models.families[1]")
    }

    /// Family names are open: whether one is registered is the family table's check
    /// (`ModelFamilyTableTests` in DartPipelineTests), so the reader keeps any name as written.
    @Test func anyFamilyNameIsReadAndTheLegacyNameIsMapped() throws {
        let report = check(#"{"models": {"families": ["lightgbm", "catboost", "neural_network"], "hyperparameters": {"catboost": {"depth": 6}}}}"#)
        let models = try #require(report.loaded?.settings.models)
        #expect(models.families == [.lightgbm, "catboost", .mlp])
        #expect(models.hyperparameters["catboost"] == ["depth": 6])
        #expect(report.loaded?.warnings.map(\.path) == ["models.families[2]"])
        #expect(onlyError(check(#"{"models": {"families": []}}"#))?.message == "list at least one of lightgbm, xgboost, mlp")
    }

    @Test func badTimeCronZoneAndNegativeThresholdAreErrorsWithPaths() {
        #expect(onlyError(check(#"{"market": {"dam_publish_time": "25:00"}}"#))?.path == "market.dam_publish_time")
        #expect(onlyError(check(#"{"market": {"dayahead_issue_time": "5am"}}"#))?.path == "market.dayahead_issue_time")
        let cron = onlyError(check(#"{"scheduling": {"jobs": {"hourly_predict": {"schedule": "5 * * *"}}}}"#))
        #expect(cron?.path == "scheduling.jobs.hourly_predict.schedule")
        #expect(cron?.code == .invalidValue)
        let zone = onlyError(check(#"{"scheduling": {"timezone": "Mars/Olympus"}}"#))
        #expect(zone?.path == "scheduling.timezone")
        #expect(zone?.message.contains("America/Chicago") == true)
        #expect(onlyError(check(#"{"scheduling": {"timezone": "CST"}}"#))?.path == "scheduling.timezone")
        let threshold = onlyError(check(#"{"monitoring": {"rolling_mae_threshold": -1}}"#))
        #expect(threshold?.path == "monitoring.rolling_mae_threshold")
        #expect(threshold?.message == "must be between 0 and 10000, got -1")
        #expect(onlyError(check(#"{"monitoring": {"psi_threshold": -0.1}}"#))?.path == "monitoring.psi_threshold")
    }

    @Test func everyProblemIsReportedInOnePass() {
        let report = check(#"{"market": {"hourly_issue_minute": 60}, "output": {"notify": "yes"}, "extra": 1}"#)
        #expect(Set(report.errors.map(\.path)) == ["market.hourly_issue_minute", "output.notify", "extra"])
        #expect(report.loaded == nil)
    }

    @Test func windowsTimezoneNameMapsWithAWarning() throws {
        let report = check(#"{"scheduling": {"timezone": "Central Standard Time"}}"#)
        let loaded = try #require(report.loaded)
        #expect(loaded.settings.scheduling.timezone == "America/Chicago")
        #expect(loaded.warnings.map(\.code) == [.legacyValueMapped])
        #expect(loaded.warnings.first?.path == "scheduling.timezone")
    }

    @Test func otherIANAZoneLoadsWithAWarning() throws {
        let loaded = try #require(check(#"{"scheduling": {"timezone": "UTC"}}"#).loaded)
        #expect(loaded.settings.scheduling.timezone == "UTC")
        #expect(loaded.warnings.map(\.code) == [.suspicious])
    }

    @Test func jsonSyntaxErrorsGiveLineAndColumn() throws {
        let error = try #require(onlyError(check("{\n  \"market\": {,\n}")))
        #expect(error.code == .syntax)
        #expect(error.line == 2)
        #expect(error.column == 14)
        #expect(onlyError(check(#"{"sql": {}, "sql": {}}"#))?.message.contains("twice") == true)
        #expect(onlyError(check("[]"))?.code == .wrongType)
    }

    @Test func crossFieldRequirementsAreChecked() {
        #expect(onlyError(check(#"{"storage": {"object_store": {"kind": "s3"}}}"#))?.path == "storage.object_store.bucket")
        let email = onlyError(check(#"{"notifications": {"email": {"enabled": true, "smtp_host": "smtp.example.com"}}}"#))
        #expect(email?.path == "notifications.email")
        #expect(email?.message.contains("from, recipients") == true)
        #expect(onlyError(check(#"{"models": {"quantiles": [0.9, 0.1]}}"#))?.path == "models.quantiles")
        #expect(onlyError(check(#"{"sql": {"table": "x; drop table y"}}"#))?.path == "sql.table")
    }

    @Test func loadThrowsTheFirstErrorOfTheFile() throws {
        let directory = try SamplePaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("settings.json")
        try Data(#"{"output": {"partition_layout": "daily"}, "nope": 1}"#.utf8).write(to: file)
        do {
            _ = try SettingsLoader.load(path: file, environment: [:], dotenvDirectory: nil)
            Issue.record("expected an error")
        } catch {
            #expect(error.path == "output.partition_layout")
            #expect(error.file == file.path)
        }
        let report = SettingsLoader.check(path: file, environment: [:], dotenvDirectory: nil)
        #expect(report.errors.count == 2)
        #expect(report.lines.last == "0 warnings, 2 errors")
    }
}
