import ArgumentParser
import DartCore
import DartPipeline
import Foundation

struct FeaturesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "features",
        abstract: "Build the as-of feature frame for one issue time and write it as Parquet (for audits and pipeline steps).",
        discussion: """
            The frame is what `predict` feeds the models at that issue time: one row per point and target hour, \
            built only from data known then (the same builder as train, backtest and run). The realized DART is \
            included as the `dart` label column (null when not yet known); each model input is a float column \
            `feature_<name>` (prefixed: inputs such as hour_ending share a key column's name). Written to \
            DIR/features_<product>_<yyyyMMddTHHmmZ>.parquet.
            """)

    @OptionGroup var global: GlobalOptions

    @OptionGroup var issue: IssueOptions

    @Option(help: "Directory to write the Parquet file into (created if missing).")
    var out: String

    func run() throws {
        let workspace = try global.workspace(label: "dartcast.features")
        let written = try FeatureFrameExport.write(workspace: workspace, product: issue.product, issueUTC: try TimeArgument.parse(issue.issueTime, zone: workspace.rules.timeZone),
                                                   to: URL(fileURLWithPath: out))
        print("wrote \(written.rows) rows × \(written.features) features to \(written.file.path)")
    }
}
