import DartConfig
import DartTesting
import Foundation

/// Checks settings given as JSON text, with no real environment.
func check(_ json: String, environment: [String: String] = [:], dotenv: [String: String] = [:]) -> SettingsReport {
    SettingsLoader.check(json: json, environment: environment, dotenv: dotenv)
}

/// The single error of a report (fails the caller's expectations when there is not exactly one).
func onlyError(_ report: SettingsReport) -> ConfigError? {
    report.errors.count == 1 ? report.errors[0] : nil
}

enum RepositoryConfig {
    static let settings = SamplePaths.repositoryRoot.appendingPathComponent("config/settings.json")
    static let legacyExample = SamplePaths.repositoryRoot.appendingPathComponent("config/legacy-settings.example.json")
}
