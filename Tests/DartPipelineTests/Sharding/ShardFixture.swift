import DartPublish
import DartWorkspace
import DartConfig
import DartCore
import DartData
import DartModels
import DartPipeline
import DartTesting
import Foundation
import Logging

/// Six synthetic points (split 3 ways: 1, 2 and 3 points), 75 days from 2024-01-01, ingested into
/// a fresh data directory; fast models with one thread.
struct ShardFixture {
    static let pointCount = 6
    static let shardCount = 3
    /// An hourly issue, 11:05 CDT on 2024-03-14, with 45 days of history behind it.
    static let issueUTC = UTCFormat.parse("2024-03-14T16:05:00Z")!

    let dataDirectory: URL
    let workspace: Workspace
    let console = ConsoleCapture()

    init(families: [String] = ["lightgbm", "xgboost", "mlp"], ensemble: Bool = true) throws {
        dataDirectory = try SamplePaths.temporaryDirectory("dartcast-shard")
        let csv = dataDirectory.appendingPathComponent("synthetic.csv")
        let generator = SyntheticMarketGenerator(configuration: .init(points: Self.pointCount, days: 75, seed: 7,
                                                                      start: OperatingDay(year: 2024, month: 1, day: 1)!))
        _ = try generator.write(to: csv.path)
        let quotedPoints = generator.pointNames.map { "\"\($0)\"" }.joined(separator: ", ")
        let quotedFamilies = families.map { "\"\($0)\"" }.joined(separator: ", ")
        let json = """
            {
              "market": {"settlement_points": [\(quotedPoints)]},
              "models": {"families": [\(quotedFamilies)], "ensemble": \(ensemble), "threads": 1, "training_window_days": 60, "cv_folds": 0,
                         "hyperparameters": {"lightgbm": {"num_iterations": 30, "learning_rate": 0.1, "min_data_in_leaf": 20, "early_stopping_rounds": 20},
                                             "xgboost": {"num_boost_round": 20, "eta": 0.1, "early_stopping_rounds": 20},
                                             "mlp": {"hidden_units": 16, "hidden_layers": 2, "epochs": 4}}}
            }
            """
        let report = SettingsLoader.check(json: json, environment: [:])
        guard let loaded = report.loaded else { throw PipelineTestError("shard test settings do not load: \(report.lines.joined(separator: "; "))") }
        workspace = try Workspace(loaded: loaded, dataDirectory: dataDirectory, logger: Logger(label: "dartcast.tests.shard"))
        _ = try workspace.marketStore().ingest(file: csv)
    }

    var targets: PublishTargetFactory {
        let console = console
        return PublishTargetFactory(workspace: workspace, console: { console.append($0) })
    }

    var shards: [ShardSpec] { (0..<Self.shardCount).map { try! ShardSpec(index: $0, count: Self.shardCount) } }

    /// Trains every family unsharded at the issue time and makes each version champion, so the
    /// comparison covers every family whatever its validation score.
    func trainShared() throws {
        let report = try TrainingService(workspace: workspace).train(product: .hourly, cutoff: IssueTime(utc: Self.issueUTC), actor: "test")
        try promoteAll(report)
    }

    func promoteAll(_ report: TrainingService.Report) throws {
        let registry = try workspace.registry()
        for entry in report.entries where entry.alias != .champion {
            _ = try registry.promote(entry.version, to: .champion, actor: "test", reason: "shard test compares every family")
        }
    }
}
