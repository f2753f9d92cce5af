import ArgumentParser
import DartModels
import Foundation

@main
struct Dartcast: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dartcast",
        abstract: "Forecast the ERCOT DART spread (day-ahead minus real-time price) and run it in production.",
        discussion: "GLOBAL OPTIONS (every subcommand takes them, after its name: dartcast run --config C --verbose):\n"
            + GlobalOptions.helpSummary,
        version: DartcastVersion.number,
        subcommands: [DemoCommand.self, IngestCommand.self, FetchCommand.self, DataCommand.self, SampleCommand.self, TrainCommand.self, PredictCommand.self, BacktestCommand.self, ModelsCommand.self, ConfigCommand.self, RunCommand.self, BackfillCommand.self, RunsCommand.self, PublishCommand.self,
                      FeaturesCommand.self, MonitorCommand.self, ServeCommand.self, ScheduleCommand.self, TriggerCommand.self, MergeCommand.self, TuneCommand.self]
    )

    /// `--version` (ArgumentParser offers it on every subcommand too) prints the version with the
    /// git commit, looked up only then; the rest is ArgumentParser's.
    static func main() async {
        if CommandLine.arguments.dropFirst().contains("--version") {
            print(DartcastVersion.text(gitSHA: GitRevision.resolve(environment: ProcessInfo.processInfo.environment,
                                                                   repositoryDirectory: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))))
            return
        }
        await main(nil)
    }
}

/// The version of dartcast: written here only.
enum DartcastVersion {
    /// The release number; bump it for a release.
    static let number = "0.9.0"

    /// `dartcast 0.9.0 (git 1a2b3c4d5e6f)`; without the commit when it is unknown (a container
    /// without git and without `DARTCAST_GIT_SHA`).
    static func text(gitSHA: String) -> String {
        gitSHA.isEmpty || gitSHA == "unknown" ? "dartcast \(number)" : "dartcast \(number) (git \(gitSHA.prefix(12)))"
    }
}
