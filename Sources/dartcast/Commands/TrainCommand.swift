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
    @OptionGroup var retrainOption: RetrainOption

    @OptionGroup var cutoffOptions: CutoffOptions

    @Option(help: "Training window in days (default: models.training_window_days, at most 240 for hourly).")
    var windowDays: Int?

    @Option(help: "Train only shard i of n (zero-based, e.g. 0/4) of the settlement points; its versions go under the shard's own registry key (docs/performance.md).")
    var shard: String?

    func run() throws {
        let workspace = try global.workspace(label: "dartcast.train")
        let cutoffUTC = try TimeArgument.parse(cutoffOptions.cutoff, zone: workspace.rules.timeZone)
        let product = cutoffOptions.product
        let actor = ProcessInfo.processInfo.environment["USER"].flatMap { $0.isEmpty ? nil : $0 } ?? "dartcast"
        let report: TrainingService.Report
        if let shard {
            // The retrain plan looks at the shared champions, not a shard's own.
            guard retrainOption.retrain else { throw ValidationError("--no-retrain (--retrain false) is not supported with --shard; omit one of them") }
            report = try ShardedForecasting(workspace: workspace).train(
                product: product, shard: try ShardSpec.parse(shard), families: try models.families(),
                cutoff: IssueTime(utc: cutoffUTC), actor: actor, windowDays: windowDays)
        } else {
            let plan = try retrainOption.plan(families: try models.families() ?? workspace.families.families(), product: product,
                                              registry: workspace.registry())
            for (family, champion) in plan.skipped {
                print("\(family.rawValue): skipped training: champion \(champion) exists for \(product.rawValue) (--retrain false)")
            }
            if plan.train.isEmpty { return }
            report = try TrainingService(workspace: workspace).train(
                product: product, families: plan.train, cutoff: IssueTime(utc: cutoffUTC), actor: actor, windowDays: windowDays)
        }
        print(report.text)
        if report.entries.isEmpty { throw ExitCode.failure }
    }
}
