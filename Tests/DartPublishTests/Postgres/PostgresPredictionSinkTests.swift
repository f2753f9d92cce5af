import DartPostgres
import DartCore
import DartTesting
import Foundation
import PostgresNIO
import Testing
@testable import DartPublish

/// Against the real PostgreSQL from `scripts/test-services`. Serialized: the restart test stops the server.
@Suite(.serialized, .enabled(if: TestServices.shouldRun(TestServices.postgres != nil)))
struct PostgresPredictionSinkTests {
    typealias Support = PostgresTestSupport

    @Test func createsTheDefaultTableWithTypedColumnsAndPrimaryKey() async throws {
        let service = try #require(TestServices.postgres)
        let sink = try PostgresPredictionSink(connection: Support.settings(service), logger: Support.logger)
        #expect(sink.table.description == "ercot.predictions_dart_spread")
        _ = try await sink.upsert(rows: Support.rows(points: 1), runID: "schema-check", createdAtUTC: 1_730_541_600)
        let (columns, key) = try await Support.withConnection(service) { connection in
            let columns = try await Support.strings("""
                SELECT column_name || ' ' || data_type || coalesce('(' || character_maximum_length || ')', '') || ' ' || is_nullable
                FROM information_schema.columns WHERE table_schema = 'ercot' AND table_name = 'predictions_dart_spread'
                ORDER BY ordinal_position
                """, on: connection)
            let key = try await Support.strings("""
                SELECT a.attname FROM pg_index i
                JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
                WHERE i.indrelid = 'ercot.predictions_dart_spread'::regclass AND i.indisprimary
                ORDER BY array_position(i.indkey, a.attnum)
                """, on: connection)
            return (columns, key)
        }
        #expect(columns == [
            "issue_time_utc timestamp with time zone NO", "target_hour_utc timestamp with time zone NO", "operating_day date NO",
            "hour_ending smallint NO", "dst_flag character(1) NO", "settlement_point text NO", "product text NO",
            "model_family text NO", "model_version text NO", "prediction double precision NO", "p10 double precision YES",
            "p50 double precision YES", "p90 double precision YES", "run_id text NO", "created_at timestamp with time zone NO",
            // Added after the first release: NULL in rows written before it (an old table gets it by ALTER TABLE).
            "missing_features integer YES",
            "origin text NO",
        ])
        #expect(key == ["issue_time_utc", "target_hour_utc", "settlement_point", "model_family", "model_version"])
    }

    @Test func upsertingTwiceReplacesValuesWithoutDuplicates() async throws {
        let service = try #require(TestServices.postgres)
        let schema = Support.freshSchema()
        let sink = try PostgresPredictionSink(connection: Support.settings(service), schema: schema, logger: Support.logger)
        #expect(try await sink.rowCount() == 0)
        #expect(try await sink.upsert(rows: Support.rows(points: 2), runID: "run-a", createdAtUTC: 1_730_541_600) == 50)
        #expect(try await sink.upsert(rows: Support.rows(points: 2, offset: 5), runID: "run-b", createdAtUTC: 1_730_545_200) == 50)
        #expect(try await sink.rowCount() == 50)
        let facts = try await Support.withConnection(service) { connection in
            try await Support.strings("""
                SELECT string_agg(DISTINCT run_id, ',') || ' ' || min(prediction) || ' ' || max(prediction) || ' '
                    || count(*) FILTER (WHERE p90 IS NULL) || ' ' || min(p10) || ' ' || count(*) FILTER (WHERE dst_flag = 'Y') || ' '
                    || min(created_at AT TIME ZONE 'UTC')
                FROM "\(unescaped: schema)".predictions_dart_spread
                """, on: connection)
        }
        // HE 1…24 plus offset 5; the repeated HE 2 appears once per point with dst_flag Y.
        #expect(facts == ["run-b 6 29 50 -1 2 2024-11-02 11:00:00"])
        let repeated = try await Support.withConnection(service) { connection in
            try await Support.strings("""
                SELECT operating_day || ' HE' || hour_ending || ' ' || dst_flag || ' ' || to_char(target_hour_utc AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI')
                FROM "\(unescaped: schema)".predictions_dart_spread WHERE settlement_point = 'P0000' AND hour_ending = 2 ORDER BY target_hour_utc
                """, on: connection)
        }
        #expect(repeated == ["2024-11-03 HE2 N 2024-11-03T06:00", "2024-11-03 HE2 Y 2024-11-03T07:00"])
    }

    /// A re-run that retrained publishes the slot under a new model version: its rows replace the old version's.
    @Test func aNewVersionOfTheSameSlotReplacesTheOldOne() async throws {
        let service = try #require(TestServices.postgres)
        let schema = Support.freshSchema()
        let sink = try PostgresPredictionSink(connection: Support.settings(service), schema: schema, logger: Support.logger)
        _ = try await sink.upsert(rows: Support.rows(points: 2), runID: "run-a", createdAtUTC: 1_730_541_600)
        let retrained = Support.rows(points: 2).map { row in var row = row; row.modelVersion = "v2"; return row }
        _ = try await sink.upsert(rows: retrained, runID: "run-b", createdAtUTC: 1_730_545_200)
        #expect(try await sink.rowCount() == 50)
        let versions = try await Support.withConnection(service) { connection in
            try await Support.strings("SELECT DISTINCT model_version FROM \"\(unescaped: schema)\".predictions_dart_spread", on: connection)
        }
        #expect(versions == ["v2"])
        // Another family of the same slot is a different key and stays.
        let other = Support.rows(points: 2).map { row in var row = row; row.modelFamily = "xgboost"; return row }
        _ = try await sink.upsert(rows: other, runID: "run-c", createdAtUTC: 1_730_545_200)
        #expect(try await sink.rowCount() == 100)
    }

    @Test func aBatchFailingMidwayLeavesTheTableUnchanged() async throws {
        let service = try #require(TestServices.postgres)
        // 10 rows per statement: the NaN sits in the 5th statement, after four have run in the transaction.
        let sink = try PostgresPredictionSink(connection: Support.settings(service), schema: Support.freshSchema(),
                                              rowsPerStatement: 10, logger: Support.logger)
        _ = try await sink.upsert(rows: Support.rows(points: 2), runID: "good", createdAtUTC: 1_730_541_600)
        var poisoned = Support.rows(points: 2, offset: 100)
        poisoned[45].prediction = .nan
        let error = await #expect(throws: SQLSinkError.self) {
            _ = try await sink.upsert(rows: poisoned, runID: "bad", createdAtUTC: 1_730_545_200)
        }
        #expect(error?.code == .write)
        #expect(error?.message.contains("prediction") == true)

        var duplicated = Support.rows(points: 2, offset: 100)
        duplicated.append(duplicated[3])
        let duplicateError = await #expect(throws: SQLSinkError.self) {
            _ = try await sink.upsert(rows: duplicated, runID: "dup", createdAtUTC: 1_730_545_200)
        }
        #expect(duplicateError?.message.contains("same key") == true)

        #expect(try await sink.rowCount() == 50)
        let runs = try await Support.withConnection(service) { connection in
            try await Support.strings("SELECT DISTINCT run_id || ' ' || max(prediction) OVER () FROM \(unescaped: sink.table.qualified)", on: connection)
        }
        #expect(runs == ["good 24"])
    }

    @Test func aCustomSchemaAndTableFromSettingsWork() async throws {
        let service = try #require(TestServices.postgres)
        let schema = Support.freshSchema()
        let sink = try PostgresPredictionSink(connection: Support.settings(service), schema: schema, table: "dart_custom", logger: Support.logger)
        #expect(sink.displayName == "postgres://\(service.host):\(service.port)/\(service.database)#\(schema).dart_custom")
        _ = try await sink.upsert(rows: Support.rows(points: 3), runID: "custom", createdAtUTC: 1_730_541_600)
        #expect(try await sink.rowCount() == 75)
        let tables = try await Support.withConnection(service) { connection in
            try await Support.strings("SELECT table_schema || '.' || table_name FROM information_schema.tables WHERE table_schema = \(schema)", on: connection)
        }
        #expect(tables == ["\(schema).dart_custom"])
        #expect(throws: SQLSinkError.self) {
            _ = try PostgresPredictionSink(connection: Support.settings(service), schema: "x; DROP SCHEMA ercot", logger: Support.logger)
        }
    }

    @Test func aClosedPortIsUnreachableWithinSeconds() async throws {
        let service = try #require(TestServices.postgres)
        let port = try LoopbackPort.closed()
        let sink = try PostgresPredictionSink(connection: Support.settings(service, port: port), logger: Support.logger)
        let clock = ContinuousClock()
        let started = clock.now
        let error = await #expect(throws: SQLSinkError.self) {
            _ = try await sink.upsert(rows: Support.rows(points: 1), runID: "x", createdAtUTC: 0)
        }
        #expect(error?.code == .unreachable)
        #expect(error?.message.contains("could not connect to PostgreSQL at \(service.host):\(port)/\(service.database)") == true)
        #expect(clock.now - started < .seconds(5))
    }

    @Test func aWrongPasswordFailsWithoutShowingThePassword() async throws {
        let service = try #require(TestServices.postgres)
        let wrong = "Wrong-Secret-\(UUID().uuidString)"
        var components = URLComponents()
        components.scheme = "postgres"
        components.user = service.user
        components.password = wrong
        components.host = service.host
        components.port = service.port
        components.path = "/" + service.database
        components.query = "sslmode=disable&connect_timeout=3"
        let dsn = try #require(components.string)
        let settings = try PostgresConnectionSettings(dsn: dsn)
        #expect(settings.password == wrong)
        let sink = try PostgresPredictionSink(connection: settings, logger: Support.logger)
        #expect(!sink.displayName.contains(wrong))
        #expect(!settings.description.contains(wrong))
        let error = await #expect(throws: SQLSinkError.self) {
            _ = try await sink.upsert(rows: Support.rows(points: 1), runID: "x", createdAtUTC: 0)
        }
        let message = try #require(error).description
        #expect(error?.code == .unreachable)
        #expect(message.contains("password authentication failed"))
        #expect(!message.contains(wrong))
        #expect(!message.contains(dsn))
    }

    /// A table locked by another session makes the upsert wait: the server's statement_timeout
    /// cancels it, and without that the sink's own deadline closes the connection.
    @Test func aBlockedUpsertEndsAtTheStatementTimeoutOrTheDeadline() async throws {
        let service = try #require(TestServices.postgres)
        let schema = Support.freshSchema()
        var impatient = Support.settings(service)
        impatient.statementTimeoutSeconds = 0.5
        let byStatementTimeout = try PostgresPredictionSink(connection: impatient, schema: schema, logger: Support.logger)
        let byDeadline = try PostgresPredictionSink(connection: Support.settings(service), schema: schema, deadlineSeconds: 1, logger: Support.logger)
        _ = try await byStatementTimeout.upsert(rows: Support.rows(points: 1), runID: "setup", createdAtUTC: 0)
        let table = byStatementTimeout.table
        let errors = try await Support.withConnection(service) { locker in
            try await locker.query("BEGIN", logger: Support.logger)
            try await locker.query("LOCK TABLE \(unescaped: table.qualified) IN ACCESS EXCLUSIVE MODE", logger: Support.logger)
            let clock = ContinuousClock()
            var results: [(SQLSinkError?, Duration)] = []
            for sink in [byStatementTimeout, byDeadline] {
                let started = clock.now
                var caught: SQLSinkError?
                do { _ = try await sink.upsert(rows: Support.rows(points: 1, offset: 1), runID: "blocked", createdAtUTC: 0) }
                catch let error as SQLSinkError { caught = error }
                results.append((caught, clock.now - started))
            }
            try await locker.query("ROLLBACK", logger: Support.logger)
            return results
        }
        #expect(errors[0].0?.code == .write)
        #expect(errors[0].0?.message.contains("statement_timeout") == true)
        #expect(errors[0].1 < .seconds(3))
        #expect(errors[1].0?.code == .unreachable)
        #expect(errors[1].0?.message.contains("did not finish within 1.0 s") == true)
        #expect(errors[1].1 < .seconds(4))
        let runs = try await Support.withConnection(service) { connection in
            try await Support.strings("SELECT DISTINCT run_id FROM \(unescaped: table.qualified)", on: connection)
        }
        #expect(runs == ["setup"])
    }

    @Test func twentyThousandRowsInOneCall() async throws {
        let service = try #require(TestServices.postgres)
        let sink = try PostgresPredictionSink(connection: Support.settings(service), schema: Support.freshSchema(), logger: Support.logger)
        let rows = Support.rows(points: 800)
        #expect(rows.count == 20_000)
        let clock = ContinuousClock()
        let first = try await clock.measure { _ = try await sink.upsert(rows: rows, runID: "bulk-1", createdAtUTC: 1_730_541_600) }
        let second = try await clock.measure { _ = try await sink.upsert(rows: rows, runID: "bulk-2", createdAtUTC: 1_730_545_200) }
        print("PostgresPredictionSink: 20,000 rows insert \(first), upsert-over-existing \(second)")
        #expect(try await sink.rowCount() == 20_000)
    }

    /// Stops the test server between two upserts: the write in between fails as unreachable,
    /// and after a restart one upsert leaves exactly one copy of each row.
    @Test func anUpsertFailsWhileTheServerIsDownAndSucceedsAfterRestart() async throws {
        let service = try #require(TestServices.postgres)
        try #require(!service.controlCommand.isEmpty, "DARTCAST_TEST_PG_CTL is not set")
        defer {
            // Leave the server running for the tests that follow, even when an expectation failed.
            if (try? Support.pgControl(service, "status"))?.status != 0 { _ = try? Support.pgControl(service, "start -w") }
        }
        let sink = try PostgresPredictionSink(connection: Support.settings(service), schema: Support.freshSchema(), logger: Support.logger)
        _ = try await sink.upsert(rows: Support.rows(points: 2), runID: "before", createdAtUTC: 1_730_541_600)

        let stop = try Support.pgControl(service, "stop -m fast")
        try #require(stop.status == 0, "pg_ctl stop failed: \(stop.output)")
        let clock = ContinuousClock()
        let failedAt = clock.now
        let error = await #expect(throws: SQLSinkError.self) {
            _ = try await sink.upsert(rows: Support.rows(points: 2, offset: 1), runID: "during", createdAtUTC: 1_730_545_200)
        }
        #expect(error?.code == .unreachable)
        #expect(clock.now - failedAt < .seconds(5))

        let restart = try Support.pgControl(service, "start -w")
        try #require(restart.status == 0, "pg_ctl start failed: \(restart.output)")
        #expect(try await sink.upsert(rows: Support.rows(points: 2, offset: 1), runID: "after", createdAtUTC: 1_730_548_800) == 50)
        let counts = try await Support.withConnection(service) { connection in
            try await Support.strings("""
                SELECT count(*) || ' ' || count(DISTINCT (issue_time_utc, target_hour_utc, settlement_point, model_family, model_version))
                    || ' ' || string_agg(DISTINCT run_id, ',')
                FROM \(unescaped: sink.table.qualified)
                """, on: connection)
        }
        #expect(counts == ["50 50 after"])
    }
}
