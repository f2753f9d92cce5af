import ArgumentParser
import DartCore
import DartPipeline
import Foundation

struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train the model families on the data known now (or at --cutoff), register the versions and set champions.",
        discussion: """
            Each family becomes an immutable registry version. A version whose validation MAE beats the zero \
            forecast becomes `champion`; otherwise `challenger`. See `dartcast models list`.
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var models: ModelListOption

    @Option(help: "dayahead or hourly.")
    var product: ForecastProduct = .dayahead

    @Option(help: "Train only on data known at this time (default: now). ISO UTC (…Z) or market local time.")
    var cutoff: String = "now"

    @Option(help: "Training window in days (default: models.training_window_days, at most 240 for hourly).")
    var windowDays: Int?

    @Option(help: "Train only shard i of n (zero-based, e.g. 0/4) of the settlement points; its versions go under the shard's own registry key (docs/performance.md).")
    var shard: String?

    func run() throws {
        let workspace = try global.workspace(label: "dartcast.train")
        let cutoffUTC = try TimeArgument.parse(cutoff, zone: workspace.rules.timeZone)
        let actor = ProcessInfo.processInfo.environment["USER"].flatMap { $0.isEmpty ? nil : $0 } ?? "dartcast"
        let report = try shard.map { text in
            try ShardedForecasting(workspace: workspace).train(product: product, shard: try ShardSpec.parse(text), families: try models.families(),
                                                               cutoffUTC: cutoffUTC, actor: actor, windowDays: windowDays)
        } ?? TrainingService(workspace: workspace).train(
            product: product, families: try models.families(), cutoffUTC: cutoffUTC, actor: actor, windowDays: windowDays)
        print(report.text)
        if report.entries.isEmpty { throw ExitCode.failure }
    }
}
