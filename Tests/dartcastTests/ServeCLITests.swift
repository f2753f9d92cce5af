import DartRuns
import DartPipeline
import DartServer
import DartTesting
import Foundation
import Testing

/// The CLI commands that come with `dartcast serve`, run as the real binary on local stores.
@Suite struct ServeCLITests {
    @Test func scheduleNextPrintsLocalTimeWithZoneAbbreviationAndUTCAcrossFallBack() throws {
        let dataDir = try SamplePaths.temporaryDirectory("dartcast-cli")
        let result = try runDartcast(["schedule", "next", "hourly_predict", "--count", "3", "--from", "2025-11-02T00:30",
                                      "--config", try emptySettings(in: dataDir).path, "--data-dir", dataDir.path])
        #expect(result.status == 0)
        #expect(result.output.split(separator: "\n") == [
            "2025-11-02 01:05 CDT  2025-11-02T06:05:00Z",
            "2025-11-02 01:05 CST  2025-11-02T07:05:00Z",
            "2025-11-02 02:05 CST  2025-11-02T08:05:00Z",
        ])
    }

    @Test func runsDownloadSavesTheRecordAndLog() throws {
        let dataDir = try SamplePaths.temporaryDirectory("dartcast-cli")
        let store = try RunStore(directory: dataDir)
        let log = dataDir.appendingPathComponent("runs/manual-20250301T1105Z-1/run.log")
        try FileManager.default.createDirectory(at: log.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("{\"message\":\"run started\"}\n".utf8).write(to: log)
        var record = RunRecord(runID: "manual-20250301T1105Z-1", job: "manual", slotUTC: 1_740_827_100, product: "hourly",
                               params: ["retrain": "false"], startedAtUTC: 1_740_827_110)
        record.status = .failed
        record.error = "build_features: no prices"
        record.logPath = log.path
        try store.save(record)
        let target = dataDir.appendingPathComponent("downloads")
        let result = try runDartcast(["runs", "download", record.runID, "--to", target.path,
                                      "--config", try emptySettings(in: dataDir).path, "--data-dir", dataDir.path])
        #expect(result.status == 0)
        let folder = target.appendingPathComponent(record.runID)
        // run.json is the record as the API shows it (RunView: vocabulary names, ISO times).
        let saved = try JSONDecoder().decode(RunView.self, from: Data(contentsOf: folder.appendingPathComponent("run.json")))
        #expect(saved == RunView(record))
        #expect(try saved.record() == record)
        #expect(try String(contentsOf: folder.appendingPathComponent("run.log"), encoding: .utf8) == "{\"message\":\"run started\"}\n")
    }

    @Test func unknownRunIsAnErrorNamingIt() throws {
        let dataDir = try SamplePaths.temporaryDirectory("dartcast-cli")
        let result = try runDartcast(["runs", "download", "nope-1", "--to", dataDir.path,
                                      "--config", try emptySettings(in: dataDir).path, "--data-dir", dataDir.path])
        #expect(result.status != 0)
    }
}

/// A settings file with every setting at its default.
func emptySettings(in directory: URL) throws -> URL {
    let file = directory.appendingPathComponent("settings.json")
    try Data("{}\n".utf8).write(to: file)
    return file
}
