import DartCore
import DartPublish
import DartTesting
import Foundation
import Testing
@testable import DartPipeline

@Suite(.serialized) struct RunPipelineTests {
    /// A bad family (XGBoost with a negative learning rate) fails alone: LightGBM trains, the
    /// forecast is made and published, and the run is degraded (one configured family is not
    /// published) with the failed step recorded.
    @Test func failingFamilyIsIsolatedAndRecorded() async throws {
        let fixture = try PipelineFixture()
        try fixture.dropSampleIntoInbox()
        try fixture.dropSampleIntoInbox(name: "broken.csv", lines: ["not,a,known,header", "1,2,3,4"])
        let workspace = try fixture.workspace(json: PipelineFixture.settingsJSON(
            families: ["lightgbm", "xgboost"], xgboost: "\"num_boost_round\": 20, \"eta\": -1"))
        let result = try await fixture.pipeline(workspace).execute(fixture.request())
        let record = result.record
        let steps = Dictionary(uniqueKeysWithValues: record.steps.map { ($0.name, $0) })

        #expect(record.steps.map(\.name) == ["ingest_new", "build_features", "train_lightgbm", "train_xgboost", "predict", "publish"])
        // Published with one of two configured families: degraded, naming the family (hardening item 4).
        #expect(record.status == .degraded)
        #expect(record.inputs?.degradedBecause == ["xgboost not published: no dayahead model is registered (its training failed or never ran)"])
        #expect(steps["train_lightgbm"]?.status == .succeeded)
        #expect(steps["train_lightgbm"]?.detail["version"] != nil)
        #expect(steps["train_xgboost"]?.status == .failed)
        #expect(steps["train_xgboost"]?.error?.contains("learning_rate should be greater equal to 0") == true)
        #expect(steps["predict"]?.status == .succeeded)
        #expect(steps["publish"]?.status == .succeeded)
        #expect(record.error?.contains("train_xgboost") == true)
        #expect(Set(record.modelVersions.keys) == ["lightgbm"])
        // 4 points × 24 hours of 2024-11-29 from one model.
        #expect(record.rowCounts["predictions"] == 96)
        #expect(result.rows.count == 96)
        #expect(record.steps.allSatisfy { $0.status != .running && $0.status != .pending })
        #expect(record.steps.filter { $0.status == .succeeded }.allSatisfy { ($0.durationSeconds ?? -1) >= 0 })

        // The inbox: the good file processed, the bad one rejected with its reason; the step says so.
        let inbox = fixture.dataDirectory.appendingPathComponent("inbox")
        #expect(FileManager.default.fileExists(atPath: inbox.appendingPathComponent("processed/dart_slice.csv").path))
        #expect(FileManager.default.fileExists(atPath: inbox.appendingPathComponent("rejected/broken.csv").path))
        let reason = try String(contentsOf: inbox.appendingPathComponent("rejected/broken.csv.error.txt"), encoding: .utf8)
        #expect(reason.contains("header"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: inbox.path).sorted() == ["processed", "rejected"])
        #expect(steps["ingest_new"]?.status == .failed)
        #expect(steps["ingest_new"]?.detail["inbox_files"] == "1")

        // The stored record equals the returned one, and the log is JSON lines tagged with the run.
        #expect(try workspace.runStore().run(record.runID) == record)
        let logPath = try #require(record.logPath)
        let lines = try String(contentsOfFile: logPath, encoding: .utf8).split(separator: "\n")
        #expect(lines.count > 5)
        for line in lines {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect((object["metadata"] as? [String: String])?["run_id"] == record.runID)
        }
        #expect(lines.contains { $0.contains("step failed") && $0.contains("train_xgboost") })
    }

    /// Re-running a slot: training is skipped (champion exists), and every output keeps its row
    /// count: Parquet manifest rows and file count, the SQL table, deliveries.
    @Test func rerunOfASlotReplacesOutputsWithoutDuplicates() async throws {
        let fixture = try PipelineFixture()
        try fixture.dropSampleIntoInbox()
        let workspace = try fixture.workspace(json: PipelineFixture.settingsJSON(extra: """
            "output": {"write_sql": true, "notify": true},
            "sql": {"enabled": true},
            "notifications": {"enabled": true, "on_success": true}
            """))
        let pipeline = fixture.pipeline(workspace)
        let first = try await pipeline.execute(fixture.request())
        #expect(first.record.status == .succeeded)
        #expect(first.deliveries.map(\.target).sorted() == ["notify:console", "objectstore", "sql"])
        #expect(first.deliveries.allSatisfy { $0.status == .delivered })
        #expect(fixture.console.all.count == 1)
        #expect(fixture.console.all.first?.contains("succeeded: 96 rows for 4 points") == true)

        let targets = PublishTargetFactory(workspace: workspace)
        let publisher = try targets.partitionPublisher()
        let sink = try targets.predictionSink()
        let partition = PartitionLayout.hive.partitionPath(product: "dayahead", issueUTC: PipelineFixture.issueUTC)
        let firstManifest = try #require(try await publisher.manifest(partition: partition))
        let firstSQLRows = try await sink.rowCount()
        #expect(firstManifest.rows == 96)
        #expect(firstSQLRows == 96)

        let second = try await pipeline.execute(fixture.request())
        #expect(second.record.status == .succeeded)
        #expect(second.record.attempt == 2)
        #expect(second.record.steps.first { $0.name == "train_lightgbm" }?.status == .skipped)
        #expect(second.record.modelVersions == first.record.modelVersions)
        let secondManifest = try #require(try await publisher.manifest(partition: partition))
        #expect(secondManifest.rows == firstManifest.rows)
        #expect(secondManifest.runID == second.record.runID)
        // One Parquet file in the data tree; its manifest lives in the manifests tree beside it.
        #expect(try await publisher.store.list(prefix: partition + "/").map { $0.hasSuffix(".parquet") } == [true])
        #expect(try await publisher.manifests?.list(prefix: partition + "/").count == 1)
        #expect(try await publisher.partitions(product: "dayahead").count == 1)
        #expect(try await sink.rowCount() == firstSQLRows)
        let read = try #require(try await publisher.read(product: "dayahead", issueUTC: PipelineFixture.issueUTC))
        #expect(read.count == 96)
        // The second run's deliveries superseded the first's: still one per target for the slot.
        let all = try workspace.runStore().deliveries()
        #expect(all.count == 3)
        #expect(Set(all.map(\.runID)) == [second.record.runID])
        #expect(all.allSatisfy { $0.status == .delivered })
        #expect(try workspace.runStore().deliveries(runID: first.record.runID).isEmpty)
    }

    @Test func dryRunWritesNothingRemote() async throws {
        let fixture = try PipelineFixture()
        try fixture.dropSampleIntoInbox()
        let workspace = try fixture.workspace(json: PipelineFixture.settingsJSON(extra: """
            "output": {"write_sql": true}, "sql": {"enabled": true}
            """))
        let result = try await fixture.pipeline(workspace).execute(fixture.request(dryRun: true))
        #expect(result.record.status == .succeeded)
        #expect(result.record.params["dry_run"] == "true")
        #expect(result.record.steps.first { $0.name == "publish" }?.status == .skipped)
        #expect(result.rows.count == 96)
        #expect(result.planned.map(\.name) == ["objectstore", "sql"])
        #expect(result.deliveries.isEmpty)
        #expect(try workspace.runStore().deliveries().isEmpty)
        for path in ["outbox", "predictions", "predictions.sqlite"] {
            #expect(!FileManager.default.fileExists(atPath: fixture.dataDirectory.appendingPathComponent(path).path))
        }
    }

    /// No data: build_features fails, so the run fails, later steps are skipped, and the failure
    /// notice names the step and the error.
    @Test func criticalStepFailureFailsTheRunAndNotifies() async throws {
        let fixture = try PipelineFixture()
        let workspace = try fixture.workspace(json: PipelineFixture.settingsJSON(extra: """
            "output": {"notify": true}, "notifications": {"enabled": true, "on_failure": true}
            """))
        let result = try await fixture.pipeline(workspace).execute(fixture.request())
        let record = result.record
        #expect(record.status == .failed)
        #expect(record.error?.hasPrefix("build_features: ") == true)
        #expect(record.steps.first { $0.name == "build_features" }?.status == .failed)
        #expect(record.steps.filter { ["train_lightgbm", "predict", "publish"].contains($0.name) }.allSatisfy { $0.status == .skipped })
        #expect(result.deliveries.map(\.target) == ["notify:console"])
        #expect(result.deliveries.first?.status == .delivered)
        let notice = try #require(fixture.console.all.first)
        #expect(notice.contains("FAILED at build_features"))
        #expect(notice.contains("no prices"))
        #expect(try workspace.runStore().run(record.runID).status == .failed)
    }

    @Test func invalidJobNamesAreRefusedBeforeAnythingRuns() async throws {
        let fixture = try PipelineFixture()
        let workspace = try fixture.workspace(json: PipelineFixture.settingsJSON())
        await #expect(throws: PipelineError.self) {
            _ = try await fixture.pipeline(workspace).execute(fixture.request(job: "../escape"))
        }
        #expect(try workspace.runStore().runs().isEmpty)
    }
}

/// The predictions tree reads in one call in the tools quants use (issue: hive reads break on
/// `_manifest.json` beside the Parquet files; polars read `operating_day` as Categorical).
@Suite(.serialized) struct PredictionsTreeReadersTests {
    @Test func duckDBAndPolarsReadTheTreeInOneCallWithOperatingDayAsADate() async throws {
        let fixture = try PipelineFixture()
        try fixture.dropSampleIntoInbox()
        let workspace = try fixture.workspace(json: PipelineFixture.settingsJSON())
        let result = try await fixture.pipeline(workspace).execute(fixture.request())
        #expect(result.record.status == .succeeded)
        let tree = workspace.dataDirectory.appendingPathComponent("predictions").path
        let output = try PythonRunner.run(script: """
            import sys, duckdb, polars as pl
            tree = sys.argv[1]
            rel = duckdb.sql(f"select * from read_parquet('{tree}/**', hive_partitioning=true)")
            print("duckdb", rel.count("*").fetchone()[0], dict(zip(rel.columns, [str(t) for t in rel.types]))["operating_day"])
            frame = pl.scan_parquet(tree + "/", hive_partitioning=True).collect()
            print("polars", frame.height, frame.schema["operating_day"], frame.schema["issue_date"])
            """, arguments: [tree])
        let rows = result.rows.count
        #expect(output.contains("duckdb \(rows) DATE"), "\(output)")
        #expect(output.contains("polars \(rows) Date Date"), "\(output)")
    }
}
