import DartCore
import DartPublish
import DartTesting
import Foundation
import Testing
@testable import DartPipeline

@Suite(.serialized) struct PostgresOutageTests {
    /// Prices come from PostgreSQL source tables; PostgreSQL is stopped just before publish.
    /// The run completes with its SQL delivery pending; after a restart the retry delivers, and
    /// the table holds exactly one copy of each row, also after re-running the slot. The
    /// server is a private cluster, stopped and restarted with pg_ctl as the postgres user.
    @Test(.enabled(if: TestServices.shouldRun(TestServices.postgres != nil)))
    func postgresStoppedBeforePublishLeavesTheSQLDeliveryPending() async throws {
        // A private cluster: stopping the shared service would break suites running in parallel.
        let server = try PrivatePostgres(like: try #require(TestServices.postgres))
        defer { server.remove() }
        let tables = PostgresSourceTables(service: server.endpoint)
        try await tables.create()
        let inserted = try await tables.insert(PipelineFixture.sliceLines())
        #expect(inserted == 4 * 91 * 24)  // 2024-09-01 … 11-30; the sample keeps one copy of the fall-back HE 2
        let fixture = try PipelineFixture()
        let workspace = try fixture.workspace(json: PipelineFixture.settingsJSON(extra: tables.sourceSettingsJSON(dsnEnv: "TEST_SOURCE_DSN") + """
            ,
              "output": {"write_sql": true},
              "sql": {"enabled": true, "backend": "postgres", "schema": "\(tables.schema)", "dsn_env": "TEST_SQL_DSN"}
            """), environment: ["TEST_SOURCE_DSN": tables.dsn, "TEST_SQL_DSN": tables.dsn])
        let stopper = RunHooks { step in
            if step == "publish" {
                let stopped = server.control("stop -m fast")
                guard stopped.status == 0 else { throw PipelineTestError("pg_ctl stop failed: \(stopped.output)") }
            }
        }
        let run = try await fixture.pipeline(workspace, hooks: stopper).execute(fixture.request())
        #expect(run.record.status == .succeeded)
        let ingest = try #require(run.record.steps.first { $0.name == "ingest_new" })
        #expect(ingest.status == .succeeded)
        #expect(Int(ingest.detail["postgres_dam_rows_read"] ?? "") == inserted)
        let sql = try #require(run.deliveries.first { $0.target == "sql" })
        #expect(sql.status == .pending)
        #expect(sql.lastError?.isEmpty == false)
        #expect(sql.lastError?.contains("could not connect") == true)
        #expect(run.deliveries.first { $0.target == "objectstore" }?.status == .delivered)
        #expect(try await fixture.pipeline(workspace).retryPending().delivered == 0)  // still down

        let started = server.control("start -w")
        #expect(started.status == 0)
        let retry = try await fixture.pipeline(workspace).retryPending()
        #expect(retry.delivered == 1)
        #expect(retry.stillPending.isEmpty)
        let table = "\(tables.schema).predictions_dart_spread"
        #expect(try await tables.count("SELECT COUNT(*) FROM \(table)") == 96)
        #expect(try await tables.count("SELECT COUNT(*) FROM (SELECT DISTINCT issue_time_utc, target_hour_utc, settlement_point, model_family, model_version FROM \(table)) k") == 96)

        let rerun = try await fixture.pipeline(workspace).execute(fixture.request())
        #expect(rerun.record.status == .succeeded)
        #expect(rerun.deliveries.allSatisfy { $0.status == .delivered })
        #expect(try await tables.count("SELECT COUNT(*) FROM \(table)") == 96)
        let rerunIngest = try #require(rerun.record.steps.first { $0.name == "ingest_new" })
        #expect(rerunIngest.detail["postgres_dam_rows_read"] == "4")  // incremental: only the watermark hours
    }
}
