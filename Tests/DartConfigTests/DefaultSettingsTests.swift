import DartConfig
import DartCore
import DartTesting
import Foundation
import Testing

@Suite struct DefaultSettingsTests {
    @Test func defaultsMatchTheDocumentedValues() throws {
        let settings = Settings.defaults
        #expect(settings.scheduling.timezone == "America/Chicago")
        let retrain = try #require(settings.scheduling.job(named: "daily_retrain"))
        #expect(retrain.schedule == "daily at 05:00")
        #expect(retrain.product == .dayahead)
        #expect(retrain.retrain)
        let predict = try #require(settings.scheduling.job(named: "hourly_predict"))
        #expect(predict.schedule == "hourly at :05")
        #expect(predict.product == .hourly)
        #expect(!predict.retrain)
        #expect(settings.market.damPublishTime.description == "13:30")
        #expect(settings.market.rtPublicationLagMinutes == 15)
        #expect(settings.market.dayaheadIssueTime.description == "05:00")
        #expect(settings.market.hourlyIssueMinute == 5)
        #expect(settings.market.settlementPoints.count == 15)
        #expect(settings.market.settlementPoints.contains(SettlementPoint("HB_HOUSTON")!))
        #expect(settings.storage.dataDir == "dartcast-data")
        #expect(settings.storage.marketStore.sqlitePath == "market.sqlite")
        #expect(settings.storage.objectStore.kind == .file)
        #expect(settings.output.partitionLayout == .hive)
        #expect(settings.output.compression == .zstd)
        #expect(settings.sql.schema == "ercot")
        #expect(settings.sql.table == "predictions_dart_spread")
        #expect(settings.models.families == [.lightgbm, .xgboost, .mlp])
        #expect(settings.models.objective == .l1)
        #expect(settings.models.quantiles == [0.1, 0.5, 0.9])
        #expect(settings.monitoring.psiThreshold == 0.2)
        #expect(settings.sources.postgres == nil)
    }

    @Test func defaultSettlementPointsAreThoseOfTheBundledSample() throws {
        let text = try SampleText.gunzip(SamplePaths.dartHourly15)
        var names = Set<String>()
        for line in text.split(separator: "\n").dropFirst() {
            names.insert(String(line.split(separator: ",")[4]))
        }
        #expect(names == Set(Settings.defaults.market.settlementPoints.map(\.name)))
    }

    @Test func emptyObjectGivesDefaultsWithoutProblems() {
        let report = check("{}")
        #expect(report.errors.isEmpty)
        #expect(report.warnings.isEmpty)
        #expect(report.loaded?.settings == Settings.defaults)
    }

    @Test func missingFileGivesDefaultsAndSaysSo() throws {
        let directory = try SamplePaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let loaded = try SettingsLoader.load(path: directory.appendingPathComponent("settings.json"),
                                             environment: [:], dotenvDirectory: directory)
        #expect(loaded.settings == Settings.defaults)
        #expect(loaded.settingsFile == nil)
        #expect(loaded.warnings.map(\.code) == [.fileMissing])
    }

    @Test func repositorySettingsFileHoldsEveryKeyWithItsDefault() throws {
        let text = try String(contentsOf: RepositoryConfig.settings, encoding: .utf8)
        #expect(text == Settings.defaults.settingsFileText, "regenerate config/settings.json from Settings.defaults.settingsFileText")
        let loaded = try SettingsLoader.load(path: RepositoryConfig.settings, environment: [:], dotenvDirectory: nil)
        #expect(loaded.settings == Settings.defaults)
        #expect(loaded.warnings.isEmpty)
    }
}
