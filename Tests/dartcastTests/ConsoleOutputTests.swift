import DartRuns
import DartScheduler
import DartTesting
import Foundation
import Logging
import Testing

/// `runDartcast` on a Dispatch thread: waiting for the process must not hold one of the few
/// cooperative threads that other tests' polling loops (the SIGKILL fetch test) need.
func dartcastOffPool(_ arguments: [String], environment: [String: String] = [:]) async throws
    -> (status: Int32, output: String, errors: String) {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global().async {
            continuation.resume(with: Result { try runDartcast(arguments, environment: environment) })
        }
    }
}

/// Interactive commands print their report on standard output; standard error gets warnings and
/// errors only, unless `--verbose` (or `--log-level`) asks for info lines.
@Suite struct ConsoleOutputTests {
    static let header = "delivery_date,hour_ending,dst_flag,timestamp_utc,settlement_point,dam_price,rtm_price,dart"
    static let rows = ["2024-01-01,1,N,2024-01-01T06:00:00Z,HB_BUSAVG,16.28,14.045,2.235",
                       "2024-01-01,2,N,2024-01-01T07:00:00Z,HB_BUSAVG,17.25,15.97,1.28"]

    /// A directory with `settings.json` ({}), the CSV `name` holding `lines`, and the common arguments.
    static func fixture(_ lines: [String], name: String = "prices.csv") throws -> (file: String, common: [String]) {
        let directory = try SamplePaths.temporaryDirectory("dartcast-console")
        let file = directory.appendingPathComponent(name)
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: file)
        let common = ["--config", try emptySettings(in: directory).path, "--data-dir", directory.appendingPathComponent("data").path]
        return (file.path, common)
    }

    @Test func ingestAndDataStatusPrintOnlyTheReportByDefault() async throws {
        let (file, common) = try Self.fixture([Self.header] + Self.rows)
        let ingest = try await dartcastOffPool(["ingest", file] + common)
        #expect(ingest.status == 0)
        #expect(ingest.output.contains("total (1 file)"), "\(ingest.output)")
        #expect(ingest.errors.isEmpty, "standard error should be empty: \(ingest.errors)")
        let status = try await dartcastOffPool(["data", "status", "--as-of", "2024-01-02T00:00:00Z"] + common)
        #expect(status.status == 0 && status.output.contains("HB_BUSAVG"), "\(status.output)")
        #expect(status.errors.isEmpty, "standard error should be empty: \(status.errors)")
    }

    @Test func verboseAddsInfoLinesAndLogLevelWins() async throws {
        let (file, common) = try Self.fixture([Self.header] + Self.rows)
        let ingest = try await dartcastOffPool(["ingest", file, "--verbose"] + common)
        #expect(ingest.status == 0)
        #expect(ingest.errors.contains(" info dartcast.ingest: ingested file "), "\(ingest.errors)")
        #expect(ingest.errors.contains("file=prices.csv"), "\(ingest.errors)")
        let status = try await dartcastOffPool(["data", "status", "--as-of", "2024-01-02T00:00:00Z", "--verbose"] + common)
        #expect(status.errors.contains(" info dartcast.data: "), "\(status.errors)")
        // --log-level info is the same; an explicit level wins over --verbose.
        #expect(try await dartcastOffPool(["ingest", file, "--log-level", "info"] + common).errors.contains(" info dartcast.ingest: "))
        #expect(try await dartcastOffPool(["ingest", file, "--verbose", "--log-level", "warning"] + common).errors.isEmpty)
    }

    @Test func metadataIsFormattedForPeople() throws {
        let metadata: Logger.Metadata = [
            "best_iterations": .dictionary(["p50": .stringConvertible(300), "p10": "120"]),
            "layers": .array([.stringConvertible(12), .stringConvertible(64), .stringConvertible(3)]),
            "error": "", "file": "a.csv", "reason": "two words",
        ]
        let text = LogMetadataText.textLine(timestamp: "T", level: .warning, label: "dartcast.test", message: "fitted", metadata: metadata)
        #expect(text == #"T warning dartcast.test: fitted best_iterations="p10=120, p50=300" file=a.csv layers="12, 64, 3" reason="two words""#)
        #expect(!text.contains("(key:") && !text.contains("[") && !text.contains("error="))

        let json = LogMetadataText.jsonLine(timestamp: "T", level: .info, label: "dartcast.test", message: "fitted", metadata: metadata)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: String])
        #expect(object["best_iterations"] == "p10=120, p50=300")
        #expect(object["layers"] == "12, 64, 3")
        #expect(object["error"] == nil)
        #expect(object["msg"] == "fitted" && object["level"] == "info" && object["logger"] == "dartcast.test")
    }

    @Test func runOutcomesReadAsSentences() {
        #expect("\(RunOutcome.failed(attempts: 2, message: "boom"))" == "failed after 2 attempts: boom")
        #expect("\(RunOutcome.succeeded(attempts: 1))" == "succeeded")
        #expect(!"\(RunOutcome.skippedOverlap)".contains("skippedOverlap"))
    }

    @Test func headerOnlyFileSaysZeroRowsStoredAndSucceeds() async throws {
        let (file, common) = try Self.fixture([Self.header], name: "header-only.csv")
        let result = try await dartcastOffPool(["ingest", file] + common)
        #expect(result.status == 0)
        #expect(result.output.contains("(no data rows)"), "\(result.output)")
        #expect(result.errors.contains("warning: header-only.csv: 0 rows stored"), "\(result.errors)")
    }

    @Test func everyRowRejectedFailsTheCommand() async throws {
        let bad = ["2024-01-01,1,N,2024-01-01T06:00:00Z,HB_BUSAVG,abc,14.045,2.235",
                   "2024-01-01,2,N,2024-01-01T07:00:00Z,HB_BUSAVG,17.25,15.97,9.99"]
        let (file, common) = try Self.fixture([Self.header] + bad, name: "all-bad.csv")
        let result = try await dartcastOffPool(["ingest", file, "--skip-bad-rows"] + common)
        #expect(result.status == 1)
        #expect(result.output.contains("all-bad.csv"), "the table is printed: \(result.output)")
        #expect(result.errors.contains("error: all-bad.csv: 0 rows stored: all 2 data rows were rejected"), "\(result.errors)")
    }

    @Test func dartColumnWithoutRTPriceIsRejectedNamingFileAndColumns() async throws {
        let (file, common) = try Self.fixture(["delivery_date,hour_ending,dst_flag,timestamp_utc,settlement_point,dam_price,dart",
                                                "2024-01-01,1,N,2024-01-01T06:00:00Z,HB_BUSAVG,16.28,2.235"], name: "no-rt.csv")
        let result = try await dartcastOffPool(["ingest", file] + common)
        #expect(result.status == 1)
        #expect(result.errors.contains("no-rt.csv line 1, column 'rtm_price'"), "\(result.errors)")
        #expect(result.errors.contains("'dart' column"), "\(result.errors)")
    }
}

/// `dartcast --help` lists the global options; `--version` names the version and commit; each
/// option's help names its default once.
@Suite struct HelpAndVersionTests {
    @Test func topLevelHelpListsTheGlobalOptions() async throws {
        let help = try await dartcastOffPool(["--help"])
        #expect(help.status == 0)
        for option in ["--config", "--data-dir", "--log-level", "--log-format", "--verbose", "--version"] {
            #expect(help.output.contains(option), "\(option) missing from dartcast --help:\n\(help.output)")
        }
    }

    @Test func versionNamesTheReleaseAndTheCommit() async throws {
        let plain = try await dartcastOffPool(["--version"], environment: ["DARTCAST_GIT_SHA": "0123456789abcdef0123"])
        #expect(plain.status == 0)
        #expect(plain.output.range(of: #"^dartcast \d+\.\d+\.\d+ \(git 0123456789ab\)\n$"#, options: .regularExpression) != nil, "\(plain.output)")
    }

    /// The OPTIONS section of a help text, one block per option (its first line and continuation lines).
    static func optionBlocks(_ help: String) -> [String] {
        var blocks: [String] = []
        var inOptions = false
        for line in help.split(separator: "\n", omittingEmptySubsequences: false) {
            if !line.hasPrefix(" "), line.hasSuffix(":") { inOptions = line == "OPTIONS:"; continue }
            guard inOptions, !line.isEmpty else { continue }
            if line.trimmingCharacters(in: .whitespaces).hasPrefix("-") { blocks.append(String(line)) } else if !blocks.isEmpty {
                blocks[blocks.count - 1] += " " + line.trimmingCharacters(in: .whitespaces)
            }
        }
        return blocks
    }

    @Test(arguments: [["run"], ["train"], ["predict"], ["features"], ["tune"]])
    func eachOptionNamesItsDefaultOnce(_ command: [String]) async throws {
        let help = try await dartcastOffPool(command + ["--help"])
        let blocks = Self.optionBlocks(help.output)
        #expect(blocks.count > 3, "\(help.output)")
        for block in blocks {
            // "(default: …)", "(default as flag: …)" or a sentence's "default: …" each name one default.
            let defaults = block.matches(of: /\(default|default:/).count
            #expect(defaults <= 1, "`dartcast \(command.joined(separator: " ")) --help` names more than one default: \(block)")
        }
        if command == ["run"] {
            #expect(blocks.contains { $0.contains("--retrain") } && blocks.contains { $0.contains("--no-retrain") })
            #expect(blocks.first { $0.contains("--issue-time") }?.contains("(default: now)") == true)
        }
    }
}

/// `config validate` and `config show` refuse a signed URL in settings.json without printing it.
@Suite struct QueryCredentialCommandTests {
    @Test func validateFailsAndShowPrintsNoSettings() async throws {
        let directory = try SamplePaths.temporaryDirectory("dartcast-config-query")
        let config = directory.appendingPathComponent("settings.json")
        try Data(#"{"storage": {"object_store": {"endpoint": "https://s3.example.com/b?X-Amz-Signature=QSECRET77"}}}"#.utf8).write(to: config)
        let validate = try await dartcastOffPool(["config", "validate", "--config", config.path])
        #expect(validate.status == 1)
        #expect(validate.output.contains("storage.object_store.endpoint") && validate.output.contains("X-Amz-Signature"), "\(validate.output)")
        let show = try await dartcastOffPool(["config", "show", "--config", config.path])
        #expect(show.status == 1 && show.output.isEmpty, "\(show.output)")
        #expect(show.errors.contains("storage.object_store.endpoint"), "\(show.errors)")
        for text in [validate.output, validate.errors, show.output, show.errors] { #expect(!text.contains("QSECRET77")) }
    }
}
