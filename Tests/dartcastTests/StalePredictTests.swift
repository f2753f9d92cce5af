import DartTesting
import Foundation
import Testing

/// `dartcast predict` for an issue time far past the newest stored price refuses (the live-data
/// issue: it used to write 1,080 rows for tomorrow from prices that ended months before).
@Suite struct StalePredictTests {
    @Test func predictRefusesAnIssueFarPastTheNewestPriceUnlessAllowed() throws {
        let root = try SamplePaths.temporaryDirectory("dartcast-stale-predict")
        let config = try emptySettings(in: root)
        let data = root.appendingPathComponent("data")
        let slice = root.appendingPathComponent("slice.csv")
        let lines = SampleText.dartHourlySlice(points: ["HB_HOUSTON"], from: "2024-11-01", through: "2024-11-30")
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: slice)
        #expect(try runDartcast(["ingest", slice.path, "--config", config.path, "--data-dir", data.path]).status == 0)

        let refused = try runDartcast(["predict", "--product", "dayahead", "--issue-time", "2025-03-01T11:00:00Z",
                                       "--config", config.path, "--data-dir", data.path])
        #expect(refused.status != 0)
        #expect(refused.output.isEmpty, "no forecast rows may be printed: \(refused.output.prefix(300))")
        #expect(refused.errors.contains("--allow-stale") && refused.errors.contains("max_price_age_hours"), "\(refused.errors)")

        // With the flag the check lets it through with a warning (it then stops only for want of models here).
        let allowed = try runDartcast(["predict", "--product", "dayahead", "--issue-time", "2025-03-01T11:00:00Z", "--allow-stale",
                                       "--config", config.path, "--data-dir", data.path])
        #expect(allowed.errors.hasPrefix("warning: stale input:"), "\(allowed.errors)")
        #expect(allowed.errors.contains("no champion"), "\(allowed.errors)")
    }
}
