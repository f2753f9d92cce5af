import ArgumentParser
import DartCore
import DartPipeline
import DartServer
import Foundation

struct PredictCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "predict",
        abstract: "Forecast DART for the product's target hours with each family's champion and the ensemble.",
        discussion: """
            Features use only what was known at the issue time. Day-ahead forecasts every hour of the operating \
            day after the issue's local day (23, 24 or 25 rows per point); hourly forecasts the next 24 delivery \
            hours that start at or after the issue time.
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var models: ModelListOption

    @OptionGroup var issueOptions: IssueOptions

    @Option(help: "table, csv or json.")
    var format: OutputFormat = .table

    @Flag(help: "Forecast even when the issue time is more than freshness.max_price_age_hours after the newest stored price.")
    var allowStale = false

    @Option(help: "Forecast only shard i of n (zero-based, e.g. 0/4) of the settlement points and stage the rows for `dartcast merge` (docs/performance.md).")
    var shard: String?

    func run() async throws {
        let workspace = try global.workspace(label: "dartcast.predict")
        let issue = IssueTime(utc: try TimeArgument.parse(issueOptions.issueTime, zone: workspace.rules.timeZone))
        let freshness = try RunInputsCheck.freshness(workspace: workspace, store: try workspace.marketStore(), issueUTC: issue.utc,
                                                     allowStale: allowStale)
        try freshness.checkNotRefused()
        for reason in freshness.degradedBecause { FileHandle.standardError.write(Data("warning: stale input: \(reason)\n".utf8)) }
        let result: PredictionService.Result
        if let shard {
            let (prediction, staged) = try await ShardedForecasting(workspace: workspace).predictAndStage(
                product: issueOptions.product, issue: issue, shard: try ShardSpec.parse(shard), families: try models.families())
            result = prediction.result
            FileHandle.standardError.write(Data("staged shard \(staged.shard): \(staged.rows) rows, \(staged.points.count) points, models of \(staged.registryProduct)\n".utf8))
        } else {
            result = try PredictionService(workspace: workspace).predict(product: issueOptions.product, issue: issue, families: try models.families())
        }
        for (family, reason) in result.skipped.sorted(by: { $0.key < $1.key }) {
            FileHandle.standardError.write(Data("note: \(family) skipped: \(reason)\n".utf8))
        }
        print(ForecastRowText.render(result.rows, format: format))
    }
}
