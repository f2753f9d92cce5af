import DartWorkspace
import ArgumentParser
import DartConfig
import DartPipeline
import DartRuntime
import Foundation
import Logging

enum LogFormat: String, ExpressibleByArgument, CaseIterable { case text, json }

/// Options every subcommand takes: `@OptionGroup var global: GlobalOptions`.
struct GlobalOptions: ParsableArguments {
    @Option(help: "Path of settings.json (default: config/settings.json, or the built-in defaults when that file does not exist). A path given here must exist.")
    var config: String?

    static let defaultConfigPath = "config/settings.json"

    /// The settings file to read: `--config`, else `config/settings.json`.
    var configPath: String { config ?? Self.defaultConfigPath }

    /// An explicitly given `--config` that does not exist is an error: silently running on the
    /// defaults would, for example, switch the SQL sink off.
    func requireExplicitConfigExists() throws {
        guard let config, !FileManager.default.fileExists(atPath: config) else { return }
        throw ValidationError("--config \(config): no such file; give the path of an existing settings.json, or leave --config out to use \(Self.defaultConfigPath) (built-in defaults when it does not exist)")
    }

    @Option(help: "Data directory for the market store, registry, runs and outputs (default: DARTCAST_DATA_DIR, else storage.data_dir from the settings, else ./dartcast-data).")
    var dataDir: String?

    @Option(help: "Log lines on standard error at this level and above: trace, debug, info, notice, warning, error or critical (default: warning; info for `serve`). Wins over --verbose.")
    var logLevel: String?

    @Flag(help: "Also log progress (info lines) on standard error, as --log-level info does.")
    var verbose = false

    @Option(help: "Format of the log lines on standard error.")
    var logFormat: LogFormat = .text

    func validate() throws {
        try requireExplicitConfigExists()
        if let logLevel, Logger.Level(rawValue: logLevel.lowercased()) == nil {
            throw ValidationError("--log-level '\(logLevel)' is not one of trace, debug, info, notice, warning, error, critical")
        }
    }

    /// The console log level: `--log-level`, else `info` with `--verbose`, else `commandDefault`.
    /// Interactive commands print their report on standard output and only warnings and errors on
    /// standard error; `serve` passes `.info` (a service whose logs go to a collector).
    func consoleLevel(commandDefault: Logger.Level = .warning) -> Logger.Level {
        if let logLevel, let level = Logger.Level(rawValue: logLevel.lowercased()) { return level }
        return verbose ? min(.info, commandDefault) : commandDefault
    }

    /// A logger writing to standard error in the chosen format at `consoleLevel(commandDefault:)`.
    func makeLogger(label: String = "dartcast", commandDefault: Logger.Level = .warning) -> Logger {
        let format = logFormat
        var logger = Logger(label: label) { label in StderrLogHandler(label: label, format: format) }
        logger.logLevel = consoleLevel(commandDefault: commandDefault)
        return logger
    }

    /// The OPTIONS block of this type's own help, without `-h, --help`: the global options as
    /// `dartcast --help` lists them (one source for both).
    static var helpSummary: String {
        let help = helpMessage(columns: nil)  // the terminal width, as the root help uses: no re-wrapping
        guard let start = help.range(of: "OPTIONS:\n") else { return help }
        return help[start.upperBound...].split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.contains("-h, --help") }.joined(separator: "\n")
            .trimmingCharacters(in: .newlines)
    }

    /// The data directory: `--data-dir`, else `DARTCAST_DATA_DIR`, else `storage.data_dir` from
    /// the settings, else `./dartcast-data`.
    func resolvedDataDirectory() -> URL {
        if let dataDir { return URL(fileURLWithPath: dataDir) }
        if let env = ProcessInfo.processInfo.environment["DARTCAST_DATA_DIR"], !env.isEmpty {
            return URL(fileURLWithPath: env)
        }
        if let loaded = try? loadSettings() { return URL(fileURLWithPath: loaded.settings.storage.dataDir) }
        return URL(fileURLWithPath: "dartcast-data")
    }

    /// Settings from `--config` (all defaults when the file does not exist), `.env` in the
    /// working directory and the environment. Warnings go to the log.
    func loadSettings() throws -> LoadedSettings {
        try requireExplicitConfigExists()
        return try SettingsLoader.load(path: URL(fileURLWithPath: configPath), environment: ProcessInfo.processInfo.environment,
                                dotenvDirectory: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
    }

    /// The composition root every command that runs, schedules, serves or monitors gets its parts from.
    func runtime(label: String, commandDefault: Logger.Level = .warning) throws -> DartRuntime {
        DartRuntime(workspace: try workspace(label: label, commandDefault: commandDefault))
    }

    /// The workspace every pipeline command runs in.
    func workspace(label: String, commandDefault: Logger.Level = .warning) throws -> Workspace {
        let logger = makeLogger(label: label, commandDefault: commandDefault)
        let loaded = try loadSettings()
        for warning in loaded.warnings where warning.code != .fileMissing {
            logger.warning("\(warning)")
        }
        try DartRuntime.Registrations.standard.families.validate(loaded.settings.models)
        return try Workspace(loaded: loaded, dataDirectory: resolvedDataDirectory(), logger: logger)
    }
}
