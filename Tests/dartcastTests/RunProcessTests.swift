import DartRuns
import DartTesting
import Foundation
import Testing

/// `dartcast run` against other processes sharing its data directory (issue "Hardening and
/// finish", items 1 and 3, the real-process versions of `InboxTransientErrorTests` and
/// `RetrainRerunTests`).
@Suite(.serialized) struct RunProcessTests {
    /// Item 1: another process holds the market store's write lock; the run waits for it and
    /// ingests the inbox file, which ends in `inbox/processed/`, never in `inbox/rejected/`.
    @Test func aRunWaitsForAnotherProcessesWriteLockAndIngestsTheInboxFile() throws {
        let fixture = try RunProcessFixture("dartcast-run-lock")
        // A store in WAL mode to lock: one day of another point, outside the slice.
        let seed = fixture.root.appendingPathComponent("seed.csv")
        let seedLines = SampleText.dartHourlySlice(points: ["HB_PAN"], from: "2024-08-01", through: "2024-08-01")
        try Data((seedLines.joined(separator: "\n") + "\n").utf8).write(to: seed)
        let ingest = try runDartcast(["ingest", seed.path] + fixture.options())
        #expect(ingest.status == 0, "stderr: \(ingest.errors.suffix(1500))")

        // A second process takes the write lock (BEGIN IMMEDIATE) and keeps it for 8 s.
        let holder = try PythonChild("""
            import sqlite3, sys, time
            c = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=60)
            c.execute("BEGIN IMMEDIATE"); print("locked")
            time.sleep(8); c.execute("ROLLBACK"); print(int(time.time()))
            """, [fixture.dataDirectory.appendingPathComponent("market.sqlite").path])
        defer { holder.stop() }
        #expect(holder.firstLine == "locked")

        let run = try runDartcast(fixture.runArguments())
        let released = try #require(Int64(holder.finish().trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(run.status == 0, "stdout: \(run.output.suffix(2000))\nstderr: \(run.errors.suffix(1500))")

        let processed = fixture.inbox.appendingPathComponent("processed/x.csv")
        #expect(FileManager.default.fileExists(atPath: processed.path))
        #expect(!FileManager.default.fileExists(atPath: fixture.inbox.appendingPathComponent("x.csv").path))
        #expect(!FileManager.default.fileExists(atPath: fixture.inbox.appendingPathComponent("rejected").path))
        let record = try #require(try RunStore(directory: fixture.dataDirectory).runs().first)
        let step = try #require(record.steps.first { $0.name == "ingest_new" })
        #expect(step.status == .succeeded, "\(step.error ?? "")")
        #expect(step.detail["inbox_files"] == "1")
        #expect(Int(step.detail["rows_stored"] ?? "") == fixture.sliceRows)
        // It waited: the file was stored only after the other process let go.
        #expect(try #require(step.finishedAtUTC) >= released)
    }

    /// Item 1 with two `dartcast` processes at once: a big `dartcast ingest` (one transaction for
    /// the 159,737-row file) runs while `dartcast run` picks up `inbox/x.csv`. Both succeed, and the
    /// inbox file is processed, never rejected.
    @Test func aRunDuringABigIngestWaitsAndIngestsTheInboxFile() async throws {
        let fixture = try RunProcessFixture("dartcast-run-during-ingest")
        let seed = fixture.root.appendingPathComponent("seed.csv")
        let seedLines = SampleText.dartHourlySlice(points: ["HB_PAN"], from: "2024-08-01", through: "2024-08-01")
        try Data((seedLines.joined(separator: "\n") + "\n").utf8).write(to: seed)
        #expect(try runDartcast(["ingest", seed.path] + fixture.options()).status == 0)

        let ingest = try ServeProcess(arguments: ["ingest", SamplePaths.dartHourly15.path] + fixture.options(), environment: [:],
                                      logDirectory: fixture.root, label: "ingest")
        defer { ingest.stop() }
        try await Task.sleep(for: .milliseconds(300))
        #expect(ingest.process.isRunning, "the ingest must still run when the run starts")
        let run = try runDartcast(fixture.runArguments())
        #expect(try await ingest.waitForExit(timeout: .seconds(120)) == 0, "ingest stderr: \(ingest.errors.suffix(1500))")
        #expect(run.status == 0, "stdout: \(run.output.suffix(2000))\nstderr: \(run.errors.suffix(1500))")
        #expect(!run.errors.contains("database is locked") && !ingest.errors.contains("database is locked"))
        #expect(FileManager.default.fileExists(atPath: fixture.inbox.appendingPathComponent("processed/x.csv").path))
        #expect(!FileManager.default.fileExists(atPath: fixture.inbox.appendingPathComponent("rejected").path))
        let record = try #require(try RunStore(directory: fixture.dataDirectory).runs().first)
        #expect(record.steps.first { $0.name == "ingest_new" }?.detail["inbox_files"] == "1")
    }

    /// Item 3: `run` then `run --retrain` for the same issue time, as two processes: the SQL
    /// table holds one row per (point, target hour, family) for the issue, all from the second run.
    @Test func runThenRetrainRunLeaveOneRowSetInThePredictionsTable() throws {
        let fixture = try RunProcessFixture("dartcast-retrain-processes")
        let first = try runDartcast(fixture.runArguments())
        #expect(first.status == 0, "stdout: \(first.output.suffix(2000))\nstderr: \(first.errors.suffix(1500))")
        let second = try runDartcast(fixture.runArguments(["--retrain"]))
        #expect(second.status == 0, "stdout: \(second.output.suffix(2000))\nstderr: \(second.errors.suffix(1500))")

        let runs = try RunStore(directory: fixture.dataDirectory).runs()
        #expect(runs.count == 2)
        let (retrained, original) = (try #require(runs.first), try #require(runs.last))
        #expect(retrained.params["retrain"] == "true")
        // The retrain registered a new version, so both versions were upserted for the same keys.
        #expect(retrained.modelVersions["lightgbm"] != nil && retrained.modelVersions["lightgbm"] != original.modelVersions["lightgbm"])
        let expected = try #require(retrained.rowCounts["predictions"])
        #expect(expected > 0)

        let summary = try PythonRunner.run(script: """
            import json, sqlite3, sys
            c = sqlite3.connect(sys.argv[1])
            rows = c.execute('''SELECT issue_time_utc, product, COUNT(*),
                COUNT(DISTINCT settlement_point || '|' || target_hour_utc || '|' || model_family),
                GROUP_CONCAT(DISTINCT model_version), GROUP_CONCAT(DISTINCT run_id)
                FROM predictions_dart_spread GROUP BY issue_time_utc, product''').fetchall()
            print(json.dumps(rows))
            """, arguments: [fixture.dataDirectory.appendingPathComponent("predictions.sqlite").path])
        let groups = try #require(try JSONSerialization.jsonObject(with: Data(summary.utf8)) as? [[Any]])
        #expect(groups.count == 1, "\(summary)")
        let group = try #require(groups.first)
        #expect(group[1] as? String == "hourly")
        #expect(group[2] as? Int == expected, "\(summary)")
        #expect(group[3] as? Int == expected, "\(summary)")
        #expect(group[4] as? String == retrained.modelVersions["lightgbm"])
        #expect(group[5] as? String == retrained.runID)
    }
}
