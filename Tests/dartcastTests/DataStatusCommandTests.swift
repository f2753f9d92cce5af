import DartTesting
import Foundation
import Testing

/// `dartcast data status` lists every input series with its newest value known at `--as-of`,
/// its lag and whether it is past its limit, before the per-point section.
@Suite struct DataStatusCommandTests {
    /// Runs the binary and returns its exit status and standard output.
    static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let result = try runDartcast(arguments, capture: .standardOutput)
        return (result.status, result.text)
    }

    @Test func everySeriesIsListedWithItsLag() throws {
        let directory = try SamplePaths.temporaryDirectory("dartcast-data-status")
        let config = try emptySettings(in: directory).path
        let files = [SamplePaths.damHourly5Hubs, SamplePaths.rtm15Minute4Hubs, SamplePaths.windSolarForecasts2024, SamplePaths.loadActual]
        let ingest = try Self.run(["ingest"] + files.map(\.path) + ["--config", config, "--data-dir", directory.path])
        #expect(ingest.status == 0)

        // 2025-02-27 05:00 CST: the DAM file ends 2025-02-25, the forecasts 2024-12-31, RT and load go on.
        let result = try Self.run(["data", "status", "--as-of", "2025-02-27T11:00:00Z", "--config", config, "--data-dir", directory.path])
        #expect(result.status == 0)
        let lines = result.output.split(separator: "\n").map(String.init)
        #expect(lines.first == "Series as of 2025-02-27T11:00:00Z (newest value known then; overdue: how long the next value is late):")
        func row(_ series: String) -> String? {
            lines.first { $0.hasPrefix(series + " ") }.map { String($0.reversed().drop { $0 == " " }.reversed()) }
        }
        // DAM: 2025-02-25 HE24 is the newest; 02-26's prices were due 13:30 CST on 02-25 (19:30Z): 39.5 h ago.
        #expect(row("dam")?.contains("2025-02-26T05:00:00Z  2025-02-25 HE24") == true)
        #expect(row("dam")?.contains("39.5 h") == true)
        #expect(row("dam")?.hasSuffix("stale (degrades runs)") == true)
        // RT: the hour 09:00–10:00Z (known 10:15Z) and the interval 10:30–10:45Z (known 10:50Z).
        #expect(row("rt_hourly")?.contains("2025-02-27T09:00:00Z  2025-02-27 HE04") == true)
        #expect(row("rt_hourly")?.hasSuffix("fresh") == true)
        #expect(row("rt_15min")?.contains("2025-02-27T10:30:00Z  2025-02-27 HE05 +30m") == true)
        #expect(row("rt_15min")?.hasSuffix("fresh") == true)
        // Forecasts ended with 2024; the newest posting is listed; stale but not degrading by default.
        #expect(row("wind_stwpf")?.contains("2025-01-01T05:00:00Z  2024-12-31 HE24 ") == true)
        #expect(row("wind_stwpf")?.contains("  2024-12-30T15:55:") == true)
        #expect(row("wind_stwpf")?.hasSuffix("stale") == true)
        #expect(row("solar_stppf")?.hasSuffix("stale") == true)
        #expect(row("load_forecast")?.contains("none") == true)
        #expect(row("load_forecast")?.hasSuffix("missing") == true)
        #expect(row("load_actual_ERCOT")?.contains("2025-02-27T09:00:00Z") == true)
        #expect(row("load_actual_ERCOT")?.hasSuffix("fresh") == true)
        // The per-point section is still there.
        #expect(lines.contains { $0.hasPrefix("point ") && $0.contains("gap hours") })
        #expect(lines.contains { $0.hasPrefix("HB_HOUSTON ") })
    }
}
