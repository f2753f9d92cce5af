import DartConfig
import DartCore
import DartPipeline
import DartRuntime
import DartTesting
import DartWorkspace
import Foundation
import GRDB
import Logging
import Testing

/// The SQLite predictions file holds realized DART beside the forecasts, in the same time format,
/// and a view that joins them: a forecast-vs-actual query needs no ATTACH and no conversions.
@Suite(.serialized) struct RealizedDARTTests {
    @Test func forecastsJoinTheirRealizedDARTInOneQuery() async throws {
        let points = ["HB_HOUSTON", "HB_NORTH", "HB_SOUTH", "HB_WEST"]
        let directory = try SamplePaths.temporaryDirectory("dartcast-realized")
        let lines = SampleText.dartHourlySlice(points: points, from: "2024-09-01", through: "2024-11-30")
        let inbox = directory.appendingPathComponent("data/inbox")
        try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: inbox.appendingPathComponent("slice.csv"))
        let quoted = points.map { "\"\($0)\"" }.joined(separator: ", ")
        let loaded = try #require(SettingsLoader.check(json: """
            {"market": {"settlement_points": [\(quoted)]}, "output": {"write_sql": true}, "sql": {"enabled": true},
             "models": {"families": ["lightgbm"], "ensemble": false, "threads": 1, "training_window_days": 45, "cv_folds": 0,
                        "hyperparameters": {"lightgbm": {"num_iterations": 20, "learning_rate": 0.1, "early_stopping_rounds": 20}}}}
            """).loaded)
        let workspace = try Workspace(loaded: loaded, dataDirectory: directory.appendingPathComponent("data"),
                                      logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() })
        let runtime = DartRuntime(workspace: workspace)
        let issue = IssueTime(utc: UTCFormat.parse("2024-11-28T11:00:00Z")!)
        let result = try await runtime.pipeline().execute(RunRequest(job: "realized", slotUTC: issue.utc, product: .dayahead, issue: issue))
        #expect(result.record.status == .succeeded)
        #expect(result.record.steps.first { $0.name == "publish" }?.detail["realized_rows"] != nil)

        // The sample's own DART for the forecast day, keyed like the view.
        var expected: [String: Double] = [:]
        for line in lines.dropFirst() where line.hasPrefix("2024-11-29") {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            expected["\(fields[3])|\(fields[4])"] = Double(fields[7])
        }
        #expect(expected.count == 96)

        let queue = try DatabaseQueue(path: directory.appendingPathComponent("data/predictions.sqlite").path)
        let joined = try await queue.read { db in
            try Row.fetchAll(db, sql: """
                SELECT target_hour_utc, settlement_point, prediction, dart, error FROM predictions_dart_spread_vs_realized
                WHERE issue_time_utc = '2024-11-28T11:00:00Z' ORDER BY target_hour_utc, settlement_point
                """)
        }
        #expect(joined.count == 96)
        for row in joined {
            let key = "\(row["target_hour_utc"] as String)|\(row["settlement_point"] as String)"
            let dart: Double = row["dart"], prediction: Double = row["prediction"], error: Double = row["error"]
            #expect(abs(dart - (expected[key] ?? .nan)) < 0.011, "\(key)")
            #expect(abs(error - (prediction - dart)) < 1e-9)
        }
        // Same time format as the forecasts: ISO-8601 UTC text.
        #expect(joined.allSatisfy { UTCFormat.parse($0["target_hour_utc"] as String) != nil })
    }
}
