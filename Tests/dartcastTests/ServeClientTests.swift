import DartRuns
import DartPipeline
import DartServer
import DartTesting
import Foundation
import Testing

/// The `--server` side of the CLI (the client generated from openapi.yaml) against the real
/// `dartcast serve`: reads, a byte-exact download, the token on POSTs and the error messages.
@Suite(.serialized) struct ServeClientTests {
    static let token = "client-test-token-7c1e"

    @Test func commandsWorkThroughTheServerAndErrorsNeverShowTheToken() async throws {
        let root = try SamplePaths.temporaryDirectory("dartcast-serve-client")
        let dataDir = root.appendingPathComponent("data")
        let record = try Self.seedRun(dataDir: dataDir)
        let config = root.appendingPathComponent("settings.json")
        try Data("""
            {"scheduling": {"jobs": {"daily_retrain": {"enabled": false}, "hourly_predict": {"enabled": false}}},
             "server": {"port": 0}}
            """.utf8).write(to: config)
        let server = try ServeProcess(arguments: ["serve", "--config", config.path, "--data-dir", dataDir.path],
                                      environment: ["DARTCAST_API_TOKEN": Self.token, "OMP_WAIT_POLICY": "passive"],
                                      logDirectory: root, label: "serve")
        defer { server.stop() }
        let address = try await server.waitForAddress(timeout: .seconds(60))
        let client = ["--config", config.path, "--server", address]

        #expect(try runDartcast(["runs", "list"] + client).output.contains(record.runID))
        #expect(try runDartcast(["runs", "show", record.runID] + client).output.contains("build_features: no prices"))
        #expect(try runDartcast(["runs", "logs", record.runID] + client).output == "{\"message\":\"run started\"}\n")
        let target = root.appendingPathComponent("downloads")
        #expect(try runDartcast(["runs", "download", record.runID, "--to", target.path] + client).status == 0)
        let local = try Data(contentsOf: URL(fileURLWithPath: try #require(record.logPath)))
        #expect(try Data(contentsOf: target.appendingPathComponent("\(record.runID)/run.log")) == local)
        #expect(try JSONDecoder().decode(RunView.self, from: Data(contentsOf: target.appendingPathComponent("\(record.runID)/run.json"))) == RunView(record))

        let wrong = try runDartcast(["trigger", "hourly_predict"] + client, environment: ["DARTCAST_API_TOKEN": "wrong-token-5d2b"])
        #expect(wrong.status != 0)
        #expect(wrong.errors.contains("401 the bearer token is not valid"), "\(wrong.errors)")
        #expect(!wrong.errors.contains("wrong-token-5d2b") && !wrong.errors.contains(Self.token))
        let missing = try runDartcast(["runs", "show", "nope-1"] + client)
        #expect(missing.errors.contains("GET \(address)/api/runs/nope-1: 404 no run \"nope-1\""), "\(missing.errors)")
        let switched = try runDartcast(["schedule", "enable", "hourly_predict"] + client, environment: ["DARTCAST_API_TOKEN": Self.token])
        #expect(switched.output.contains("hourly_predict: enabled"), "\(switched.errors)")

        let unreachable = try runDartcast(["runs", "list", "--config", config.path, "--server", "http://127.0.0.1:1"])
        #expect(unreachable.status != 0 && unreachable.errors.contains("cannot reach http://127.0.0.1:1"), "\(unreachable.errors)")
    }

    /// A failed run with a log, saved in the data directory's run store.
    static func seedRun(dataDir: URL) throws -> RunRecord {
        let log = dataDir.appendingPathComponent("runs/manual-20250301T1105Z-1/run.log")
        try FileManager.default.createDirectory(at: log.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("{\"message\":\"run started\"}\n".utf8).write(to: log)
        var record = RunRecord(runID: "manual-20250301T1105Z-1", job: "manual", slotUTC: 1_740_827_100, product: "hourly",
                               params: ["retrain": "false"], startedAtUTC: 1_740_827_110,
                               steps: [StepRecord(name: "build_features", status: .failed, error: "no prices")])
        record.status = .failed
        record.finishedAtUTC = 1_740_827_120
        record.error = "build_features: no prices"
        record.logPath = log.path
        try RunStore(directory: dataDir).save(record)
        return record
    }
}
