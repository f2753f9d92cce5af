import DartConfig
import DartCore
@testable import DartData
import DartTesting
import Foundation
import Logging
import Testing
@testable import DartPipeline

@Suite struct SourceQueryTests {
    let mapping = SourceTableMapping(table: "ercot.dam_spp", columns: ["delivery_date": "oper_day", "price": "spp"])

    @Test func priceQueryReadsOnlyFromEachPointsWatermark() throws {
        let marks = ["HB_NORTH": SourceWatermarks.Mark(operatingDay: "2024-11-02", hourEnding: 7, utc: 0)]
        let query = try SourceQueries.prices(mapping, settingsKey: "sources.postgres.dam", hourField: "hour_ending", intervalField: nil,
                                             points: ["HB_NORTH", "HB_WEST"], marks: marks)
        #expect(query.sql.contains("FROM \"ercot\".\"dam_spp\" AS t"))
        #expect(query.sql.contains("LEFT JOIN UNNEST($2::text[], $3::text[]::date[], $4::int[]) AS w(point, day, hour_ending)"))
        #expect(query.sql.contains("t.\"oper_day\" > w.day OR (t.\"oper_day\" = w.day AND t.\"hour_ending\" >= w.hour_ending)"))
        #expect(query.sql.contains("t.\"settlement_point\"::text = ANY($1::text[])"))
        #expect(query.sql.contains("NULL::int"))
        #expect(query.binds.count == 4)
        #expect(!query.sql.contains("2024-11-02"))  // values are bound, never spliced
    }

    @Test func forecastQueryIsIncrementalAfterTheFirstRead() throws {
        let forecasts = SourceTableMapping(table: "fc", columns: [:])
        let first = try SourceQueries.forecasts(forecasts, settingsKey: "sources.postgres.forecasts", postedSinceUTC: nil)
        #expect(!first.sql.contains("WHERE"))
        let next = try SourceQueries.forecasts(forecasts, settingsKey: "sources.postgres.forecasts", postedSinceUTC: 1_700_000_000)
        #expect(next.sql.contains("WHERE t.\"posted_at\" >= to_timestamp($1::float8)"))
    }

    @Test func identifiersThatAreNotPlainAreRefused() throws {
        let bad = SourceTableMapping(table: "dam; DROP TABLE x", columns: [:])
        #expect(throws: SourceError.self) {
            _ = try SourceQueries.prices(bad, settingsKey: "sources.postgres.dam", hourField: "hour_ending", intervalField: nil, points: [], marks: [:])
        }
        let badColumn = SourceTableMapping(table: "dam", columns: ["price": "spp\" OR 1=1"])
        #expect(throws: SourceError.self) {
            _ = try SourceQueries.prices(badColumn, settingsKey: "sources.postgres.dam", hourField: "hour_ending", intervalField: nil, points: [], marks: [:])
        }
    }
}

@Suite(.serialized) struct PostgresSourceTests {
    /// First read: the whole table; second read with nothing new: one watermark hour per point
    /// per table; after a new day arrives: that day plus the watermark hours. The store ends
    /// with exactly the source's hours, and DAM/RT values as in the sample.
    @Test(.enabled(if: TestServices.shouldRun(TestServices.postgres != nil)))
    func readsIncrementallyByWatermark() async throws {
        let service = try #require(TestServices.postgres)
        let tables = PostgresSourceTables(service: PostgresEndpoint(service))
        try await tables.create()
        let points = PipelineFixture.points
        let firstRows = try await tables.insert(PipelineFixture.sliceLines(from: "2024-11-01", through: "2024-11-05"))
        #expect(firstRows == 4 * 5 * 24)  // the sample keeps only the first copy of the fall-back HE 2

        let directory = try SamplePaths.temporaryDirectory("pg-source")
        let logger = Logger(label: "dartcast.tests.source")
        let store = try MarketStore(directory: directory, logger: logger)
        let watermarks = try SourceWatermarks(directory: directory)
        let json = "{" + tables.sourceSettingsJSON(dsnEnv: "TEST_SOURCE_DSN") + "}"
        let settings = try #require(SettingsLoader.check(json: json).loaded?.settings.sources.postgres)
        let source = try PostgresMarketSource(settings: settings, dsn: SecretValue(tables.dsn),
                                              points: points.map { SettlementPoint($0)! }, zone: .ercot, logger: logger)

        let first = try await source.ingest(into: store, watermarks: watermarks)
        #expect(first.map(\.name) == ["dam", "rt"])
        #expect(first.map(\.rowsRead) == [firstRows, firstRows])
        #expect(first[0].inserted == firstRows)
        #expect(first[1].updated == firstRows)  // RT fills the hours DAM created

        let idle = try await source.ingest(into: store, watermarks: watermarks)
        #expect(idle.map(\.rowsRead) == [4, 4])  // only each point's watermark hour is re-read
        #expect(idle.allSatisfy { $0.inserted == 0 && $0.updated == 0 })

        let nextRows = try await tables.insert(PipelineFixture.sliceLines(from: "2024-11-06", through: "2024-11-06"))
        let next = try await source.ingest(into: store, watermarks: watermarks)
        #expect(next.map(\.rowsRead) == [nextRows + 4, nextRows + 4])
        #expect(next[0].inserted == nextRows)

        let hourly = try #require(try store.tableDigests().first { $0.table == "hourly_price" })
        #expect(hourly.rowCount == firstRows + nextRows)
        // Values round-trip: HB_NORTH, HE 2 repeated (CST copy) on 2024-11-03 exists as its own hour.
        let history = try store.loadHistory(points: [SettlementPoint("HB_NORTH")!], fromUTC: nil, toUTC: nil)
        let sample = PipelineFixture.sliceLines(points: ["HB_NORTH"], from: "2024-11-06", through: "2024-11-06")
            .first { $0.hasPrefix("2024-11-06,14,") }!.split(separator: ",")
        let index = try #require(history.index(ofUTC: UTCFormat.parse(sample[3])!))
        #expect(abs(history.dam[0][index] - Double(sample[5])!) < 1e-9)
        #expect(abs(history.rtm[0][index] - Double(sample[6])!) < 1e-9)
    }

    @Test func unreachableServerIsASourceErrorWithoutThePassword() async throws {
        let directory = try SamplePaths.temporaryDirectory("pg-source-down")
        let logger = Logger(label: "dartcast.tests.source")
        let settings = PostgresSourceSettings(dam: SourceTableMapping(table: "dam", columns: [:]))
        let source = try PostgresMarketSource(
            settings: settings, dsn: SecretValue("postgres://reader:Sup3rS3cret@127.0.0.1:\(try closedLoopbackPort())/market?sslmode=disable&connect_timeout=2"),
            points: [SettlementPoint("HB_NORTH")!], zone: .ercot, logger: logger)
        do {
            _ = try await source.ingest(into: try MarketStore(directory: directory, logger: logger), watermarks: try SourceWatermarks(directory: directory))
            Issue.record("expected the ingest to fail")
        } catch let error as SourceError {
            #expect(error.code == .unreachable)
            #expect(!error.description.contains("Sup3rS3cret"))
            #expect(error.description.contains("127.0.0.1"))
        }
    }
}
