import DartRuns
import DartPipeline
@testable import DartServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct RunsAPITests {
    @Test func pagesDoNotOverlapAndCoverEveryRun() async throws {
        let fixture = try ServerFixture()
        let seeded = try fixture.seedRuns(job: "hourly_predict", count: 120)
        try await fixture.application().test(.router) { client in
            var seen: [String] = []
            var offset: Int? = 0
            var pages = 0
            while let current = offset {
                let response = try await client.execute(uri: "/api/runs?job=hourly_predict&limit=50&offset=\(current)", method: .get)
                #expect(response.status == .ok)
                let page = try response.json(RunListView.self)
                #expect(page.total == 120)
                #expect(page.runs.count == min(50, 120 - current))
                seen += page.runs.map(\.runID)
                offset = page.nextOffset
                if let next = page.nextOffset { #expect(page.next?.contains("offset=\(next)") == true) } else { #expect(page.next == nil) }
                pages += 1
            }
            #expect(pages == 3)
            #expect(seen.count == 120 && Set(seen).count == 120)
            #expect(Set(seen) == Set(seeded.map(\.runID)))
            #expect(seen.first == seeded.last?.runID)  // newest first
        }
    }

    @Test func defaultLimitIs50() async throws {
        let fixture = try ServerFixture()
        try fixture.seedRuns(job: "hourly_predict", count: 60)
        try await fixture.application().test(.router) { client in
            try await client.execute(uri: "/api/runs", method: .get) { response throws in
                let page = try response.json(RunListView.self)
                #expect(page.limit == 50 && page.runs.count == 50 && page.nextOffset == 50)
            }
        }
    }

    @Test(arguments: ["limit=501", "limit=-1", "limit=0", "limit=ten", "offset=-5", "status=done"])
    func invalidParametersAre400NamingTheParameter(query: String) async throws {
        let fixture = try ServerFixture()
        try await fixture.application().test(.router) { client in
            try await client.execute(uri: "/api/runs?\(query)", method: .get) { response throws in
                #expect(response.status == .badRequest)
                let name = String(query.prefix { $0 != "=" })
                #expect(try response.json(APIErrorBody.self).error.parameter == name)
            }
        }
    }

    @Test func unknownRunIs404Json() async throws {
        let fixture = try ServerFixture()
        try await fixture.application().test(.router) { client in
            for path in ["/api/runs/nope-1", "/api/runs/nope-1/logs", "/api/runs/nope-1/files"] {
                try await client.execute(uri: path, method: .get) { response throws in
                    #expect(response.status == .notFound)
                    #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
                    #expect(try response.json(APIErrorBody.self).error.code == "not_found")
                }
            }
        }
    }

    @Test func runAndItsLogAreServed() async throws {
        let fixture = try ServerFixture()
        var record = try #require(try fixture.seedRuns(job: "daily_retrain", count: 1).first)
        let log = fixture.directory.appendingPathComponent("runs/\(record.runID)/run.log")
        try FileManager.default.createDirectory(at: log.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("{\"message\":\"run started\"}\n".utf8).write(to: log)
        record.logPath = log.path
        try fixture.runStore.save(record)
        let saved = record
        try await fixture.application().test(.router) { client in
            try await client.execute(uri: "/api/runs/\(saved.runID)", method: .get) { response throws in
                // The API shows the record as RunView (vocabulary names, ISO times); it converts back unchanged.
                let view = try response.json(RunView.self)
                #expect(view == RunView(saved))
                #expect(try view.record() == saved)
            }
            try await client.execute(uri: "/api/runs/\(saved.runID)/logs", method: .get) { response throws in
                #expect(response.text == "{\"message\":\"run started\"}\n")
            }
            try await client.execute(uri: "/api/runs/\(saved.runID)/files", method: .get) { response throws in
                #expect(try response.json(RunFilesView.self).files.map(\.name) == ["run.json", "run.log"])
            }
        }
    }
}
