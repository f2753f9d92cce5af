import DartPublish
import DartRuns
import Foundation
import Hummingbird

extension APIServer {
    static let defaultRunLimit = 50
    static let maxRunLimit = 500

    func addRunRoutes(to router: Router<BasicRequestContext>) {
        router.get("/api/runs") { request, _ in
            let query = QueryParameters(request: request)
            let limit = try query.int("limit", default: Self.defaultRunLimit, in: 1...Self.maxRunLimit)
            let offset = try query.int("offset", default: 0, in: 0...Int(Int32.max))
            let job = query.string("job")
            let status = try query.choice("status", RunStatus.allCases.map(\.rawValue)).flatMap(RunStatus.init(rawValue:))
            let runs = try runStore.runs(job: job, status: status, limit: limit, offset: offset)
            let total = try statistics.count(job: job, status: status)
            let nextOffset = offset + runs.count < total ? offset + runs.count : nil
            let next = nextOffset.map { Self.runsLink(job: job, status: status, limit: limit, offset: $0) }
            return try Responses.json(RunListView(runs: runs, limit: limit, offset: offset, total: total, nextOffset: nextOffset, next: next))
        }
        router.get("/api/runs/:id") { _, context in
            try Responses.json(try record(context))
        }
        router.get("/api/runs/:id/logs") { _, context in
            let run = try record(context)
            guard let path = run.logPath, let data = FileManager.default.contents(atPath: path) else {
                throw APIError(.notFound, "run \(run.runID) has no log file", parameter: "id")
            }
            return Responses.data(data, contentType: "text/plain; charset=utf-8")
        }
        router.get("/api/runs/:id/files") { _, context in
            let run = try record(context)
            let files = try await bundle.files(runID: run.runID).map(\.file)
            return try Responses.json(RunFilesView(runID: run.runID, files: files))
        }
        router.get("/api/runs/:id/files/:name") { _, context in
            let run = try record(context)
            let name = context.parameters.get("name") ?? ""
            guard let found = try await bundle.files(runID: run.runID).first(where: { $0.file.name == name }) else {
                throw APIError(.notFound, "run \(run.runID) has no file \"\(name)\"; GET /api/runs/\(run.runID)/files lists them", parameter: "name")
            }
            let type = name.hasSuffix(".json") ? Responses.jsonContentType : name.hasSuffix(".log") ? "text/plain; charset=utf-8" : "application/vnd.apache.parquet"
            return Responses.data(found.data, contentType: type)
        }
    }

    var bundle: RunBundle { RunBundle(runStore: runStore, targets: PublishTargetFactory(workspace: workspace)) }

    private func record(_ context: BasicRequestContext) throws -> RunRecord {
        let id = context.parameters.get("id") ?? ""
        do {
            return try runStore.run(id)
        } catch let error as RunStoreError where error.code == .notFound {
            throw APIError(.notFound, "no run \"\(id)\"; GET /api/runs lists run ids", parameter: "id")
        }
    }

    static func runsLink(job: String?, status: RunStatus?, limit: Int, offset: Int) -> String {
        var items = [URLQueryItem]()
        if let job { items.append(URLQueryItem(name: "job", value: job)) }
        if let status { items.append(URLQueryItem(name: "status", value: status.rawValue)) }
        items.append(URLQueryItem(name: "limit", value: "\(limit)"))
        items.append(URLQueryItem(name: "offset", value: "\(offset)"))
        var components = URLComponents()
        components.path = "/api/runs"
        components.queryItems = items
        return components.string ?? "/api/runs"
    }
}
