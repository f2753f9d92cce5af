import DartTesting
import Foundation
import Testing

/// The commands the Azure ML steps run, end to end on a slice of the bundled sample (4 hubs,
/// 2024-09 … 2024-11), through the real binary.
@Suite(.serialized) struct PipelineStepCommandTests {
    static let issue = "2024-11-28T11:00:00Z"  // day-ahead issue 05:00 CST
    static let points = ["HB_HOUSTON", "HB_NORTH", "HB_SOUTH", "HB_WEST"]

    let directory: URL
    let settings: URL
    let dataDirectory: URL

    init() throws {
        directory = try SamplePaths.temporaryDirectory("dartcast-steps")
        settings = directory.appendingPathComponent("settings.json")
        dataDirectory = directory.appendingPathComponent("data")
        let quoted = Self.points.map { "\"\($0)\"" }.joined(separator: ", ")
        try """
            {"market": {"settlement_points": [\(quoted)]},
             "models": {"families": ["lightgbm"], "ensemble": false, "threads": 1, "training_window_days": 45, "cv_folds": 0,
                        "hyperparameters": {"lightgbm": {"num_iterations": 25, "learning_rate": 0.1, "min_data_in_leaf": 20, "early_stopping_rounds": 20, "feature_fraction": 0.6, "bagging_fraction": 0.6, "max_bin": 31}}}}
            """.write(to: settings, atomically: true, encoding: .utf8)
    }

    func dartcast(_ arguments: [String]) throws -> DeployTools.Result {
        try DeployTools.run(try DeployTools.dartcastBinary(), arguments + ["--config", settings.path, "--data-dir", dataDirectory.path],
                            directory: directory)
    }

    /// The sample's rows of the four hubs for delivery dates 2024-09-01 … 2024-11-30, as a tidy CSV.
    func writeSlice() throws -> URL {
        let unzip = try DeployTools.run(URL(fileURLWithPath: "/usr/bin/env"), ["gzip", "-dc", SamplePaths.dartHourly15.path])
        let lines = unzip.output.split(separator: "\n")
        let wanted = Set(Self.points)
        let kept = lines.prefix(1) + lines.dropFirst().filter { line in
            let fields = line.split(separator: ",", maxSplits: 5, omittingEmptySubsequences: false)
            return fields.count > 5 && wanted.contains(String(fields[4])) && fields[0] >= "2024-09-01" && fields[0] <= "2024-11-30"
        }
        let file = directory.appendingPathComponent("slice.csv")
        try (kept.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    @Test func ingestFeaturesAndTrainWithRetrainAsAzureMLPassesIt() throws {
        let ingest = try dartcast(["ingest", try writeSlice().path])
        try #require(ingest.status == 0, "\(ingest.output)")

        let out = directory.appendingPathComponent("features")
        let features = try dartcast(["features", "--product", "dayahead", "--issue-time", Self.issue, "--out", out.path])
        try #require(features.status == 0, "\(features.output)")
        let file = out.appendingPathComponent("features_dayahead_20241128T1100Z.parquet")
        #expect(FileManager.default.fileExists(atPath: file.path), "\(features.output)")
        let summary = try PythonRunner.run(script: """
            import sys, pyarrow.parquet as pq
            t = pq.read_table(sys.argv[1])
            print(t.num_rows, len(t.column_names), sorted(set(t.column("settlement_point").to_pylist())) == sorted(sys.argv[2:]),
                  t.column_names[:7] == ["issue_time_utc", "target_hour_utc", "operating_day", "hour_ending", "dst_flag", "settlement_point", "dart"]
                  and all(name.startswith("feature_") for name in t.column_names[7:]))
            """, arguments: [file.path] + Self.points)
        let fields = summary.split(whereSeparator: \.isWhitespace)
        #expect(fields.first == "96", "4 points × 24 hours of 2024-11-29: \(summary)")
        #expect(Int(fields.dropFirst().first ?? "") ?? 0 > 20, "key columns, the label and the features: \(summary)")
        #expect(fields.suffix(2) == ["True", "True"], "\(summary)")

        let first = try dartcast(["train", "--models", "lightgbm", "--cutoff", Self.issue, "--retrain", "False"])
        try #require(first.status == 0, "\(first.output)")
        try #require(first.output.contains("champion"), "the first fit should become champion: \(first.output)")

        let second = try dartcast(["train", "--models", "lightgbm", "--cutoff", Self.issue, "--retrain", "False"])
        #expect(second.status == 0)
        #expect(second.output.contains("lightgbm: skipped training: champion"), "\(second.output)")

        let forced = try dartcast(["train", "--models", "lightgbm", "--cutoff", Self.issue, "--retrain", "TRUE"])
        #expect(forced.status == 0)
        #expect(!forced.output.contains("skipped training"), "\(forced.output)")

        let wrong = try dartcast(["train", "--models", "lightgbm", "--retrain", "maybe"])
        #expect(wrong.status != 0)
        #expect(wrong.output.contains("'maybe' is not a boolean"), "\(wrong.output)")
    }
}
