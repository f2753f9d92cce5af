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
}
