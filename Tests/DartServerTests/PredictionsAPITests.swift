import DartRuns
import DartCore
import DartData
import DartPipeline
import DartPublish
@testable import DartServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct PredictionsAPITests {
    /// 2025-03-01 (CST): operating day start 06:00Z.
    static let day = OperatingDay(year: 2025, month: 3, day: 1)!

    /// Publishes an hourly run issued at `issueUTC` covering the next `hours` hours, for two
    /// points and one model, with predictions `base + hour index`.
    @discardableResult
    func publishRun(_ fixture: ServerFixture, issueUTC: Int64, hours: Int, base: Double) throws -> String {
        let zone = fixture.workspace.rules.timeZone
        let runID = "hourly_predict-\(issueUTC)-1"
        let firstHour = (issueUTC / 3600 + 1) * 3600
        var rows: [ForecastRow] = []
        for index in 0..<hours {
            let hour = zone.hours(of: zone.operatingDay(containing: firstHour + Int64(index) * 3600))
                .first { $0.utcStart == firstHour + Int64(index) * 3600 }!
            for point in ["HB_NORTH", "HB_WEST"] {
                rows.append(ForecastRow(issueTimeUTC: IssueTime(utc: issueUTC), targetHourUTC: hour.utcStart, operatingDay: hour.operatingDay,
                                        hourEnding: hour.hourEnding, isRepeatedHour: hour.isRepeatedHour, settlementPoint: point,
                                        product: "hourly", modelFamily: "lightgbm", modelVersion: "v1",
                                        prediction: base + Double(index), p10: nil, p50: base + Double(index), p90: nil))
            }
        }
        let payload = OutboxPayload(runID: runID, job: "hourly_predict", slotUTC: issueUTC, product: "hourly", issueUTC: issueUTC,
                                    createdAtUTC: issueUTC, rowCount: rows.count,
                                    notification: RunNotification(runID: runID, job: "hourly_predict", product: "hourly", outcome: .succeeded, slotUTC: issueUTC))
        try payload.persist(rows: rows, in: OutboxPayload.directory(dataDirectory: fixture.directory, runID: runID))
        var record = RunRecord(runID: runID, job: "hourly_predict", slotUTC: issueUTC, product: "hourly", params: [:], startedAtUTC: issueUTC)
        record.status = .succeeded
        record.finishedAtUTC = issueUTC + 60
        try fixture.runStore.save(record)
        return runID
    }

    @Test func latestIssuePerPointHourAndModelWins() async throws {
        let fixture = try ServerFixture()
        let start = fixture.workspace.rules.timeZone.startOfDayUTC(Self.day)
        let early = try publishRun(fixture, issueUTC: start - 3600 + 300, hours: 24, base: 100)   // covers 06:00Z … 05:00Z next day
        let late = try publishRun(fixture, issueUTC: start + 4 * 3600 + 300, hours: 24, base: 200)  // from 11:00Z
        try await fixture.application().test(.router) { client in
            try await client.execute(uri: "/api/predictions?product=hourly&from=2025-03-01&point=hb_north", method: .get) { response throws in
                #expect(response.status == .ok)
                let list = try response.json(PredictionListView.self)
                #expect(list.rowCount == 24 && !list.truncated)
                #expect(list.rows.allSatisfy { $0.row.settlementPoint == "HB_NORTH" })
                #expect(list.rows.map(\.row.targetHourUTC) == list.rows.map(\.row.targetHourUTC).sorted())
                #expect(list.rows.prefix(5).allSatisfy { $0.runID == early })
                #expect(list.rows.dropFirst(5).allSatisfy { $0.runID == late })
                #expect(list.rows[5].row.prediction == 200)
            }
            try await client.execute(uri: "/api/predictions?product=hourly&from=2025-03-01T06:00:00Z&to=2025-03-01T08:00:00Z&limit=3", method: .get) { response throws in
                let list = try response.json(PredictionListView.self)
                #expect(list.rowCount == 3 && list.truncated)
            }
        }
    }

    @Test func aNewRunChangesTheAnswerDespiteTheResponseCache() async throws {
        let fixture = try ServerFixture()
        let start = fixture.workspace.rules.timeZone.startOfDayUTC(Self.day)
        let early = try publishRun(fixture, issueUTC: start - 3600 + 300, hours: 24, base: 100)
        let uri = "/api/predictions?product=hourly&from=2025-03-01T12:00:00Z&to=2025-03-01T13:00:00Z&point=HB_WEST"
        try await fixture.application().test(.router) { client in
            let before = try await client.execute(uri: uri, method: .get).json(PredictionListView.self)
            #expect(before.rows.map(\.runID) == [early])
            let late = try publishRun(fixture, issueUTC: start + 4 * 3600 + 300, hours: 24, base: 200)
            let after = try await client.execute(uri: uri, method: .get).json(PredictionListView.self)
            #expect(after.rows.map(\.runID) == [late])
            #expect(after.rows.first?.row.prediction == 201)
        }
    }

    @Test(arguments: [
        ("from=2025-03-01", "product"), ("product=weekly&from=2025-03-01", "product"), ("product=hourly", "from"),
        ("product=hourly&from=yesterday", "from"), ("product=hourly&from=2025-03-01&to=2025-02-01", "to"),
        ("product=hourly&from=2025-01-01&to=2025-03-01", "to"), ("product=hourly&from=2025-03-01&limit=50001", "limit"),
        ("product=hourly&from=2025-03-01&model=prophet", "model"),
    ])
    func invalidQueriesAre400NamingTheParameter(query: String, parameter: String) async throws {
        let fixture = try ServerFixture()
        try await fixture.application().test(.router) { client in
            try await client.execute(uri: "/api/predictions?\(query)", method: .get) { response throws in
                #expect(response.status == .badRequest)
                #expect(try response.json(APIErrorBody.self).error.parameter == parameter)
            }
        }
    }

    @Test func cursorPagesCoverEveryRowOnceInOrder() async throws {
        let fixture = try ServerFixture()
        let start = fixture.workspace.rules.timeZone.startOfDayUTC(Self.day)
        try publishRun(fixture, issueUTC: start - 3600 + 300, hours: 24, base: 100)
        try publishRun(fixture, issueUTC: start + 4 * 3600 + 300, hours: 24, base: 200)
        try await fixture.application().test(.router) { client in
            let whole = try await client.execute(uri: "/api/predictions?product=hourly&from=2025-03-01", method: .get).json(PredictionListView.self)
            #expect(whole.rowCount == 48 && !whole.truncated && whole.nextCursor == nil && whole.next == nil)
            var seen: [PredictionRowView] = []
            var uri: String? = "/api/predictions?product=hourly&from=2025-03-01&limit=7"
            var pages = 0
            while let current = uri {
                let response = try await client.execute(uri: current, method: .get)
                #expect(response.status == .ok)
                let page = try response.json(PredictionListView.self)
                seen += page.rows
                #expect(page.truncated == (page.nextCursor != nil))
                #expect(response.headers[HTTPField.Name("Dartcast-Next-Cursor")!] == page.nextCursor)
                if let cursor = page.nextCursor { #expect(page.next?.contains("cursor=\(cursor)") == true) }
                uri = page.next
                pages += 1
            }
            #expect(pages == 7)
            #expect(seen == whole.rows)
        }
    }

    @Test func aCursorThatIsNotOneIs400() async throws {
        let fixture = try ServerFixture()
        try await fixture.application().test(.router) { client in
            try await client.execute(uri: "/api/predictions?product=hourly&from=2025-03-01&cursor=bm90LWEtY3Vyc29y", method: .get) { response throws in
                #expect(response.status == .badRequest)
                #expect(try response.json(APIErrorBody.self).error.parameter == "cursor")
            }
        }
    }

    @Test func fromLatestAnswersTheLatestPublishedIssueOnly() async throws {
        let fixture = try ServerFixture()
        let start = fixture.workspace.rules.timeZone.startOfDayUTC(Self.day)
        try await fixture.application().test(.router) { client in
            try await client.execute(uri: "/api/predictions?product=hourly&from=latest", method: .get) { response throws in
                #expect(response.status == .notFound)
                #expect(try response.json(APIErrorBody.self).error.parameter == "from")
            }
        }
        try publishRun(fixture, issueUTC: start - 3600 + 300, hours: 24, base: 100)
        let late = try publishRun(fixture, issueUTC: start + 4 * 3600 + 300, hours: 24, base: 200)
        try await fixture.application().test(.router) { client in
            let list = try await client.execute(uri: "/api/predictions?product=hourly&from=latest", method: .get).json(PredictionListView.self)
            #expect(list.rowCount == 48 && !list.truncated)
            #expect(list.rows.allSatisfy { $0.runID == late && $0.row.issueTimeUTC == IssueTime(utc: start + 4 * 3600 + 300) })
            #expect(list.fromUTC == UTCFormat.iso8601(start + 5 * 3600) && list.toUTC == UTCFormat.iso8601(start + 29 * 3600))
            // Pages of `latest` stay on the issue of the first page even when a newer one is published in between.
            let first = try await client.execute(uri: "/api/predictions?product=hourly&from=latest&limit=40", method: .get).json(PredictionListView.self)
            try publishRun(fixture, issueUTC: start + 5 * 3600 + 300, hours: 24, base: 300)
            let second = try await client.execute(uri: try #require(first.next), method: .get).json(PredictionListView.self)
            #expect(first.rows + second.rows == list.rows)
        }
    }

    @Test func formatCSVHasTheVocabularyHeaderAndTheSameRows() async throws {
        let fixture = try ServerFixture()
        let start = fixture.workspace.rules.timeZone.startOfDayUTC(Self.day)
        let runID = try publishRun(fixture, issueUTC: start - 3600 + 300, hours: 24, base: 100)
        try await fixture.application().test(.router) { client in
            try await client.execute(uri: "/api/predictions?product=hourly&from=2025-03-01&point=HB_WEST&limit=5&format=csv", method: .get) { response throws in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/csv; charset=utf-8")
                let lines = response.text.split(separator: "\n").map(String.init)
                #expect(lines.first == "issue_time_utc,target_hour_utc,operating_day,hour_ending,dst_flag,settlement_point,product,model_family,model_version,prediction,p10,p50,p90,run_id,missing_features")
                #expect(lines.count == 6)
                #expect(lines[1].hasPrefix("2025-03-01T05:05:00Z,2025-03-01T06:00:00Z,2025-03-01,1,N,HB_WEST,hourly,lightgbm,v1,100.000,,100.000,,\(runID),"))
                #expect(response.headers[HTTPField.Name("Dartcast-Next-Cursor")!] != nil)
            }
        }
    }

    @Test func anUnknownPointIs404AndAKnownOneWithoutRowsIsEmpty() async throws {
        let fixture = try ServerFixture()
        try await fixture.application().test(.router) { client in
            try await client.execute(uri: "/api/predictions?product=hourly&from=2025-03-01&point=HB_NOWHERE", method: .get) { response throws in
                #expect(response.status == .notFound)
                let error = try response.json(APIErrorBody.self).error
                #expect(error.code == "not_found" && error.parameter == "point")
            }
            try await client.execute(uri: "/api/predictions?product=hourly&from=2025-03-01&point=hb_north", method: .get) { response throws in
                #expect(response.status == .ok)
                #expect(try response.json(PredictionListView.self).rowCount == 0)
            }
        }
    }

    @Test func aPointOnlyInTheMarketStoreIsKnownAndCheckingLeavesNoStoreBehind() async throws {
        let fixture = try ServerFixture()
        let storeFile = fixture.directory.appendingPathComponent("market.sqlite")
        let uri: @Sendable (String) -> String = { "/api/predictions?product=hourly&from=2025-03-01&point=\($0)" }
        #expect(!FileManager.default.fileExists(atPath: storeFile.path))
        try await fixture.application().test(.router) { client in
            try await client.execute(uri: uri("LZ_EXTRA"), method: .get) { #expect($0.status == .notFound) }
        }
        // A GET only reads: no store was created by the check.
        #expect(!FileManager.default.fileExists(atPath: storeFile.path))

        let csv = fixture.directory.appendingPathComponent("extra.csv")
        try """
            delivery_date,hour_ending,dst_flag,timestamp_utc,settlement_point,dam_price,rtm_price,dart
            2025-02-01,1,N,2025-02-01T06:00:00Z,LZ_EXTRA,16.28,14.045,2.235

            """.write(to: csv, atomically: true, encoding: .utf8)
        _ = try fixture.workspace.marketStore().ingest(file: csv)
        try await fixture.application().test(.router) { client in
            try await client.execute(uri: uri("lz_extra"), method: .get) { response throws in
                #expect(response.status == .ok)
                #expect(try response.json(PredictionListView.self).rowCount == 0)
            }
            try await client.execute(uri: uri("LZ_ELSEWHERE"), method: .get) { #expect($0.status == .notFound) }
        }
    }
}
