import DartCore
import DartTesting
import Foundation
import GRDB
import Testing
@testable import DartPublish

@Suite struct SQLitePredictionSinkTests {
    @Test func upsertIsIdempotentAndReplacesValues() async throws {
        let directory = try SamplePaths.temporaryDirectory()
        let sink = try SQLitePredictionSink(path: directory.appendingPathComponent("predictions.sqlite"))
        let issue = UTCFormat.parse("2024-11-02T10:00:00Z")!
        let rows = PartitionPublisherTests.rows(issueUTC: issue)
        #expect(try await sink.upsert(rows: rows, runID: "a", createdAtUTC: issue) == 50)
        #expect(try await sink.upsert(rows: rows, runID: "b", createdAtUTC: issue) == 50)
        #expect(try await sink.rowCount() == 50)
        _ = try await sink.upsert(rows: PartitionPublisherTests.rows(issueUTC: issue, offset: 5), runID: "c", createdAtUTC: issue)
        let queue = try DatabaseQueue(path: directory.appendingPathComponent("predictions.sqlite").path)
        let (runs, minimum) = try await queue.read { db in
            (try String.fetchAll(db, sql: "SELECT DISTINCT run_id FROM predictions_dart_spread"),
             try Double.fetchOne(db, sql: "SELECT MIN(prediction) FROM predictions_dart_spread")!)
        }
        #expect(runs == ["c"])
        #expect(minimum == 6)
    }

    /// A re-run that retrained publishes the slot under a new model version: its rows replace the old version's.
    @Test func aNewVersionOfTheSameSlotReplacesTheOldOne() async throws {
        let directory = try SamplePaths.temporaryDirectory()
        let sink = try SQLitePredictionSink(path: directory.appendingPathComponent("predictions.sqlite"))
        let issue = UTCFormat.parse("2024-11-02T10:00:00Z")!
        let rows = PartitionPublisherTests.rows(issueUTC: issue)
        _ = try await sink.upsert(rows: rows, runID: "a", createdAtUTC: issue)
        _ = try await sink.upsert(rows: rows.map { row in var row = row; row.modelVersion = "v2"; return row }, runID: "b", createdAtUTC: issue)
        #expect(try await sink.rowCount() == rows.count)
        let queue = try DatabaseQueue(path: directory.appendingPathComponent("predictions.sqlite").path)
        let versions = try await queue.read { db in try String.fetchAll(db, sql: "SELECT DISTINCT model_version FROM predictions_dart_spread") }
        #expect(versions == ["v2"])
        // The in-memory double used by unit tests follows the same rule.
        let double = InMemoryPredictionSink()
        _ = try await double.upsert(rows: rows, runID: "a", createdAtUTC: issue)
        _ = try await double.upsert(rows: rows.map { row in var row = row; row.modelVersion = "v2"; return row }, runID: "b", createdAtUTC: issue)
        #expect(try await double.rowCount() == rows.count)
        #expect(Set(double.rows.map(\.modelVersion)) == ["v2"])
    }

    @Test func aFailedBatchWritesNothing() async throws {
        let directory = try SamplePaths.temporaryDirectory()
        let sink = try SQLitePredictionSink(path: directory.appendingPathComponent("p.sqlite"))
        let issue = UTCFormat.parse("2024-11-02T10:00:00Z")!
        var rows = PartitionPublisherTests.rows(issueUTC: issue)
        rows[30].prediction = .nan  // SQLite stores NaN as NULL: violates NOT NULL mid-batch
        await #expect(throws: SQLSinkError.self) { _ = try await sink.upsert(rows: rows, runID: "a", createdAtUTC: issue) }
        #expect(try await sink.rowCount() == 0)
    }

    @Test func rejectsUnsafeTableNames() {
        #expect(throws: SQLSinkError.self) { try SQLTableName(schema: nil, table: "x; DROP TABLE y") }
        #expect(throws: SQLSinkError.self) { try SQLTableName(schema: "1bad", table: "t") }
        #expect((try? SQLTableName(schema: "ercot", table: "predictions_dart_spread"))?.qualified == "\"ercot\".\"predictions_dart_spread\"")
    }

    /// A table created before `missing_features` existed gets the column on the next upsert: old
    /// rows keep NULL, new rows carry their count.
    @Test func anOldTableGetsTheMissingFeaturesColumn() async throws {
        let directory = try SamplePaths.temporaryDirectory()
        let path = directory.appendingPathComponent("predictions.sqlite")
        let queue = try DatabaseQueue(path: path.path)
        try await queue.write { db in
            try db.execute(sql: """
                CREATE TABLE "predictions_dart_spread" (issue_time_utc TEXT NOT NULL, target_hour_utc TEXT NOT NULL,
                    operating_day TEXT NOT NULL, hour_ending INTEGER NOT NULL, dst_flag TEXT NOT NULL, settlement_point TEXT NOT NULL,
                    product TEXT NOT NULL, model_family TEXT NOT NULL, model_version TEXT NOT NULL, prediction REAL NOT NULL,
                    p10 REAL, p50 REAL, p90 REAL, run_id TEXT NOT NULL, created_at TEXT NOT NULL,
                    PRIMARY KEY (issue_time_utc, target_hour_utc, settlement_point, model_family, model_version));
                INSERT INTO "predictions_dart_spread" VALUES ('2024-01-01T11:00:00Z', '2024-01-02T06:00:00Z', '2024-01-02', 1, 'N',
                    'HB_OLD', 'dayahead', 'lightgbm', 'v0', 1.5, NULL, NULL, NULL, 'old', '2024-01-01T11:00:00Z');
                """)
        }
        let issue = UTCFormat.parse("2024-11-02T10:00:00Z")!
        var rows = PartitionPublisherTests.rows(issueUTC: issue)
        for index in rows.indices { rows[index].missingFeatures = index % 3 }
        let sink = try SQLitePredictionSink(path: path)
        #expect(try await sink.upsert(rows: rows, runID: "new", createdAtUTC: issue) == 50)
        let (old, new) = try await queue.read { db in
            (try Bool.fetchOne(db, sql: "SELECT missing_features IS NULL FROM predictions_dart_spread WHERE run_id = 'old'"),
             try Int.fetchAll(db, sql: "SELECT missing_features FROM predictions_dart_spread WHERE run_id = 'new' ORDER BY rowid"))
        }
        #expect(old == true)
        #expect(new.count == 50)
        #expect(new.reduce(0, +) == rows.compactMap(\.missingFeatures).reduce(0, +))
        // A second upsert finds the column and does not add it again.
        #expect(try await sink.upsert(rows: rows, runID: "again", createdAtUTC: issue) == 50)
    }
}
