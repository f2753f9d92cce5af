import ArgumentParser
import DartConfig
import DartPipeline
import DartRuntime
import Foundation

/// `dartcast config validate|show`: check settings.json and print the effective settings.
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Check settings.json, .env and the environment, or print the effective settings.",
        subcommands: [Validate.self, Show.self])

    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print every warning and error in the settings; exit 1 when there is an error.")

        @OptionGroup var global: GlobalOptions

        func run() throws {
            try global.requireExplicitConfigExists()
            let report = checkSettings(global)
            for line in report.lines { print(line) }
            if !report.isValid { throw ExitCode(1) }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the effective settings as JSON; secrets show as \"***\" when set, null when not.")

        @OptionGroup var global: GlobalOptions

        @Flag(help: "Print the default settings file instead (every key with its default; how config/settings.json is made).")
        var defaults = false

        func run() throws {
            if defaults {
                print(Settings.defaults.settingsFileText, terminator: "")
                return
            }
            try global.requireExplicitConfigExists()
            let report = checkSettings(global)
            guard let loaded = report.loaded else {
                for line in report.lines { printToStandardError(line) }
                throw ExitCode(1)
            }
            // Notes go to standard error so standard output stays valid JSON.
            let source = loaded.settingsFile.map { "settings from \($0.path)" }
                ?? "no settings file at \(global.configPath): all defaults"
            printToStandardError("# \(source); .env: \(loaded.dotenvFile?.path ?? "none")")
            for warning in report.warnings { printToStandardError("warning: \(warning)") }
            print(loaded.redactedJSON, terminator: "")
        }
    }
}

private func checkSettings(_ global: GlobalOptions) -> SettingsReport {
    let report = SettingsLoader.check(path: URL(fileURLWithPath: global.configPath),
                                      environment: ProcessInfo.processInfo.environment,
                                      dotenvDirectory: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
    guard let loaded = report.loaded else { return report }
    // Family names are the family table's to check, not the settings reader's.
    return report.adding(DartRuntime.Registrations.standard.families.unknownFamilies(in: loaded.settings.models).map {
        ConfigError(.invalidValue, file: global.configPath, path: $0.path, message: $0.message)
    })
}
