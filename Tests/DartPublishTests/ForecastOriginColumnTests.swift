import DartCore
import DartTesting
import Foundation
import GRDB
import PostgresNIO
import Testing
@testable import DartPublish

/// The `origin` column (`production` | `backfill`): written by the Parquet writer and both SQL
/// sinks, read back, and added to tables created before it with `production` for their rows.
@Suite struct ForecastOriginColumnTests {
    static let issue = UTCFormat.parse("2024-11-02T10:00:00Z")!

    static func backfillRows() -> [ForecastRow] {
        PartitionPublisherTests.rows(issueUTC: issue).map { row in var row = row; row.origin = .backfill; return row }
    }

    @Test func parquetWritesOriginAndReadsFilesWithoutItAsProduction() throws {
        let rows = Self.backfillRows()
        let file = try ParquetCodec.read(try ParquetCodec.encode(PredictionsParquet.table(rows: rows, runID: "r", createdAtUTC: Self.issue)))
        #expect(file.columnNames.last == "origin")
        #expect(try PredictionsParquet.rows(from: file) == rows)
        // A file written before the column: every column but origin.
        let old = PredictionsParquet.table(rows: rows, runID: "r", createdAtUTC: Self.issue)
        let withoutOrigin = ParquetTable(columns: old.columns.filter { $0.name != "origin" }, metadata: old.metadata)
        let oldRows = try PredictionsParquet.rows(from: try ParquetCodec.read(try ParquetCodec.encode(withoutOrigin)))
        #expect(oldRows.count == rows.count && oldRows.allSatisfy { $0.origin == .production })
    }

    @Test func sqliteAddsTheColumnToAnOlderTableAndUpsertsOrigin() async throws {
        let path = try SamplePaths.temporaryDirectory().appendingPathComponent("predictions.sqlite")
        let queue = try DatabaseQueue(path: path.path)
        try await queue.write { db in
            try db.execute(sql: """
                CREATE TABLE predictions_dart_spread (issue_time_utc TEXT NOT NULL, target_hour_utc TEXT NOT NULL, operating_day TEXT NOT NULL,
                    hour_ending INTEGER NOT NULL, dst_flag TEXT NOT NULL, settlement_point TEXT NOT NULL, product TEXT NOT NULL,
                    model_family TEXT NOT NULL, model_version TEXT NOT NULL, prediction REAL NOT NULL, p10 REAL, p50 REAL, p90 REAL,
                    run_id TEXT NOT NULL, created_at TEXT NOT NULL,
                    PRIMARY KEY (issue_time_utc, target_hour_utc, settlement_point, model_family, model_version));
                INSERT INTO predictions_dart_spread VALUES ('2024-10-01T10:00:00Z', '2024-10-02T05:00:00Z', '2024-10-02', 1, 'N', 'HB_NORTH',
                    'dayahead', 'lightgbm', 'v0', 1.5, NULL, 1.5, NULL, 'old', '2024-10-01T10:00:00Z');
                """)
        }
        let sink = try SQLitePredictionSink(path: path)
        _ = try await sink.upsert(rows: Self.backfillRows(), runID: "b", createdAtUTC: Self.issue)
        let origins = try await queue.read { db in
            try String.fetchAll(db, sql: "SELECT origin || ' ' || COUNT(*) FROM predictions_dart_spread GROUP BY origin ORDER BY origin")
        }
        #expect(origins == ["backfill 50", "production 1"])
        // A production re-publish of the same rows tags them production.
        _ = try await sink.upsert(rows: PartitionPublisherTests.rows(issueUTC: Self.issue), runID: "p", createdAtUTC: Self.issue)
        let after = try await queue.read { db in try String.fetchAll(db, sql: "SELECT DISTINCT origin FROM predictions_dart_spread") }
        #expect(after == ["production"])
    }

    @Test(.enabled(if: TestServices.shouldRun(TestServices.postgres != nil)))
    func postgresAddsTheColumnToAnOlderTableAndUpsertsOrigin() async throws {
        typealias Support = PostgresTestSupport
        let service = try #require(TestServices.postgres)
        let schema = Support.freshSchema()
        let table = try SQLTableName(schema: schema, table: "predictions_dart_spread")
        let createOld = PostgresPredictionStatements.createTable(table).sql.replacingOccurrences(of: "origin text NOT NULL DEFAULT 'production',", with: "")
        try await Support.withConnection(service) { connection in
            try await connection.query(PostgresPredictionStatements.createSchema(schema), logger: Support.logger)
            try await connection.query(PostgresQuery(unsafeSQL: createOld), logger: Support.logger)
        }
        let sink = try PostgresPredictionSink(connection: Support.settings(service), schema: schema, logger: Support.logger)
        _ = try await sink.upsert(rows: Support.rows(points: 1), runID: "old", createdAtUTC: Self.issue)
        _ = try await sink.upsert(rows: Support.rows(points: 2).map { row in var row = row; row.origin = .backfill; return row }
            .filter { $0.settlementPoint == "P0001" }, runID: "b", createdAtUTC: Self.issue)
        let origins = try await Support.withConnection(service) { connection in
            try await Support.strings("""
                SELECT origin || ' ' || count(*) FROM "\(unescaped: schema)".predictions_dart_spread GROUP BY origin ORDER BY origin
                """, on: connection)
        }
        #expect(origins == ["backfill 25", "production 25"])
    }
}
