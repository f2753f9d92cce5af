import DartPublish
import DartRuns
import DartWorkspace
import DartConfig
import DartCore
import DartModels
import DartPipeline
import DartTesting
import Foundation
import Logging

/// A small, fast pipeline setup on a slice of the bundled real sample: 4 hubs × 3 months
/// (2024-09-01 … 2024-11-30), LightGBM with few rounds and one thread.
struct PipelineFixture {
    static let points = ["HB_HOUSTON", "HB_NORTH", "HB_SOUTH", "HB_WEST"]
    /// Day-ahead issue 05:00 CST on 2024-11-28 (11:00 UTC), forecasting operating day 2024-11-29.
    static let issueUTC = UTCFormat.parse("2024-11-28T11:00:00Z")!

    let dataDirectory: URL
    let console = ConsoleCapture()

    init() throws {
        dataDirectory = try SamplePaths.temporaryDirectory("dartcast-pipeline")
    }

    /// The sample's tidy hourly rows of `points` with delivery dates in [from, through], header first.
    static func sliceLines(points: [String] = points, from: String = "2024-09-01", through: String = "2024-11-30") -> [Substring] {
        SampleText.dartHourlySlice(points: points, from: from, through: through)
    }

    /// Drops the slice into `<data-dir>/inbox/` as a CSV file.
    func dropSampleIntoInbox(name: String = "dart_slice.csv", lines: [Substring] = PipelineFixture.sliceLines()) throws {
        let inbox = dataDirectory.appendingPathComponent("inbox")
        try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: inbox.appendingPathComponent(name))
    }

    /// Settings JSON: the fixture's points and fast LightGBM, merged with `extra` top-level sections.
    /// Pipeline mechanics are tested on the legacy protocol (`cv_folds` 0, early stopping on one
    /// validation slice): on 45 days
    /// of 4 hubs a 25-round model need not beat zero out of fold, and these tests need a champion.
    /// Cross-validated refits have their own tests (`CrossValidatedTrainingTests`). The hourly
    /// overrides are pinned (the fixture's small budget stands), so the shipped hourly budget and
    /// bins do not change what these tests train.
    /// - Parameter xgboost: XGBoost hyperparameters (a JSON object body).
    static func settingsJSON(families: [String] = ["lightgbm"], xgboost: String = "\"num_boost_round\": 20, \"eta\": 0.1, \"early_stopping_rounds\": 20", extra: String = "") -> String {
        let quotedPoints = points.map { "\"\($0)\"" }.joined(separator: ", ")
        let quotedFamilies = families.map { "\"\($0)\"" }.joined(separator: ", ")
        return """
            {
              "market": {"settlement_points": [\(quotedPoints)]},
              "models": {"families": [\(quotedFamilies)], "ensemble": false, "threads": 1, "training_window_days": 45, "cv_folds": 0,
                         "hyperparameters": {"lightgbm": {"num_iterations": 25, "learning_rate": 0.1, "min_data_in_leaf": 20, "early_stopping_rounds": 20, "feature_fraction": 0.6, "bagging_fraction": 0.6, "max_bin": 31}, "xgboost": {\(xgboost)}},
                         "hourly_hyperparameters": {"lightgbm": {"num_leaves": 63, "learning_rate": 0.05}, "xgboost": {"max_depth": 7, "eta": 0.05}}}\(extra.isEmpty ? "" : ",\n  " + extra)
            }
            """
    }

    func workspace(json: String, environment: [String: String] = [:], logger: Logger = Logger(label: "dartcast.tests.pipeline")) throws -> Workspace {
        let report = SettingsLoader.check(json: json, environment: environment)
        guard let loaded = report.loaded else {
            throw PipelineTestError("test settings do not load: \(report.lines.joined(separator: "; "))")
        }
        return try Workspace(loaded: loaded, dataDirectory: dataDirectory, logger: logger)
    }

    func pipeline(_ workspace: Workspace, hooks: RunHooks = RunHooks()) -> RunPipeline {
        let console = console
        return RunPipeline(workspace: workspace, targets: PublishTargetFactory(workspace: workspace, console: { console.append($0) }), hooks: hooks)
    }

    func request(job: String = "test_job", retrain: Bool = false, dryRun: Bool = false) -> RunRequest {
        RunRequest(job: job, slotUTC: Self.issueUTC, product: .dayahead, retrain: retrain, dryRun: dryRun)
    }

    /// Makes every family the run trained a champion. Whether a family beats the zero forecast on
    /// this small slice depends on its seed and columns; tests of what happens to a champion need one.
    func promoteEveryTrainedFamily(_ record: RunRecord, in workspace: Workspace) throws {
        let registry = try workspace.registry()
        for step in record.steps where step.name.hasPrefix("train_") {
            guard let version = step.detail["version"], step.detail["alias"] != ModelAlias.champion.rawValue else { continue }
            try registry.promote(version, to: .champion, actor: "test", reason: "a champion for the test")
        }
    }
}

/// Lines the console notifier printed.
final class ConsoleCapture: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    var all: [String] { lock.withLock { lines } }
    func append(_ line: String) { lock.withLock { lines.append(line) } }
}
