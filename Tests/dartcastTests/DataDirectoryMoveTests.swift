import DartRuns
import DartServer
import DartTesting
import Foundation
import Testing

/// Item 8 of "Hardening and finish": a data directory moved (or restored elsewhere) keeps its
/// run logs, downloads and pending deliveries: `runs.sqlite` stores paths relative to it.
@Suite(.serialized) struct DataDirectoryMoveTests {
    @Test func afterMovingTheDataDirectoryLogsDownloadsAndRetriesWork() async throws {
        let fixture = try RunProcessFixture("dartcast-moved-data-dir", webhookTimeout: 2)
        // The run notice goes to a port nobody listens on: its delivery stays pending.
        let run = try runDartcast(fixture.runArguments(settings: fixture.webhookSettings),
                                  environment: ["DARTCAST_WEBHOOK_URL": "http://127.0.0.1:9/hook"])
        #expect(run.status == 0, "stdout: \(run.output.suffix(2000))\nstderr: \(run.errors.suffix(1500))")
        let runID = try #require(try RunStore(directory: fixture.dataDirectory).runs().first?.runID)
        #expect(try RunStore(directory: fixture.dataDirectory).deliveries(status: .pending).map(\.target) == ["notify:webhook"])

        let moved = fixture.root.appendingPathComponent("restored/data")
        try FileManager.default.createDirectory(at: moved.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.moveItem(at: fixture.dataDirectory, to: moved)
        let options = ["--config", fixture.webhookSettings.path, "--data-dir", moved.path]

        let logs = try runDartcast(["runs", "logs", runID] + options)
        #expect(logs.status == 0, "stderr: \(logs.errors.suffix(1500))")
        #expect(logs.output.contains("run started"))

        let downloads = fixture.root.appendingPathComponent("downloads")
        let download = try runDartcast(["runs", "download", runID, "--to", downloads.path] + options)
        #expect(download.status == 0, "stderr: \(download.errors.suffix(1500))")
        let saved = try FileManager.default.contentsOfDirectory(atPath: downloads.appendingPathComponent(runID).path)
        #expect(Set(saved).isSuperset(of: ["run.json", "run.log", "outbox-payload.json", "outbox-predictions.parquet",
                                           "partition-_manifest.json"]), "\(saved)")
        // run.json is the run as the API gives it (docs/schema.md).
        let record = try JSONDecoder().decode(RunView.self, from: Data(contentsOf: downloads.appendingPathComponent("\(runID)/run.json"))).record()
        #expect(record.logPath == moved.appendingPathComponent("runs/\(runID)/run.log").path)

        // The webhook answers now: the pending delivery is retried from the moved outbox copy.
        let webhook = try PythonChild.acceptingWebhook()
        defer { webhook.stop() }
        let retry = try runDartcast(["publish", "--retry-pending"] + options,
                                    environment: ["DARTCAST_WEBHOOK_URL": "http://127.0.0.1:\(webhook.firstLine)/hook"])
        #expect(retry.status == 0, "stdout: \(retry.output)\nstderr: \(retry.errors.suffix(1500))")
        #expect(try RunStore(directory: moved).deliveries(status: .pending).isEmpty)
    }
}
