import DartConfig
import DartCore
import DartPipeline
import DartRuntime
import DartTesting
import DartWorkspace
import Foundation
import Logging
import Testing
@testable import DartMonitoring

/// Monitoring scores what `dartcast backfill` published, so a history can be scored from day one.
@Suite struct BackfillScoringTests {
    @Test func aMonitoringPassScoresBackfilledForecasts() async throws {
        let dataDirectory = try SamplePaths.temporaryDirectory("dartcast-backfill-monitoring")
        let points = ["HB_HOUSTON", "HB_NORTH", "HB_SOUTH", "HB_WEST"]
        let json = """
            {"market": {"settlement_points": [\(points.map { "\"\($0)\"" }.joined(separator: ", "))]},
             "models": {"families": ["lightgbm"], "ensemble": false, "threads": 1, "training_window_days": 45, "cv_folds": 0,
                        "hyperparameters": {"lightgbm": {"num_iterations": 25, "learning_rate": 0.1, "min_data_in_leaf": 20, "max_bin": 31}}},
             "sql": {"enabled": true}, "output": {"write_sql": true}}
            """
        let loaded = try #require(SettingsLoader.check(json: json).loaded)
        let runtime = try DartRuntime(loaded: loaded, dataDirectory: dataDirectory, logger: Logger(label: "dartcast.tests.backfill"),
                                      console: { _ in })
        let slice = dataDirectory.appendingPathComponent("slice.csv")
        try Data((SampleText.dartHourlySlice(points: points, from: "2024-09-01", through: "2024-11-30").joined(separator: "\n") + "\n").utf8)
            .write(to: slice)
        _ = try runtime.workspace.marketStore().ingest(file: slice)

        let summary = try await runtime.backfill().run(BackfillRequest(product: .dayahead, from: OperatingDay("2024-11-01")!,
                                                                       to: OperatingDay("2024-11-03")!))
        #expect(summary.written == 3 && summary.failures.isEmpty)

        let report = try await runtime.monitoringPass().run(asOfUTC: MonitoringFixture.asOf(after: OperatingDay("2024-11-04")!))
        let scored = report.rescoredDays.filter { $0.family == "lightgbm" }.sorted { $0.day < $1.day }
        #expect(scored.map(\.day.description) == ["2024-11-02", "2024-11-03", "2024-11-04"])
        // 4 points × 24 hours; the fall-back day has 25 forecast hours, but the sample holds no price for
        // the repeated HE 2 (07:00Z), so that hour has no realized DART and is not scored.
        #expect(scored.map(\.rows) == [96, 96, 96])
        #expect(scored.allSatisfy { $0.version.hasPrefix("lightgbm-dayahead_backfill_202411011000_") && $0.mae.isFinite })
    }
}
