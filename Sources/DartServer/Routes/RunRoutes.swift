import DartAPI
import DartPublish
import DartRuns
import Foundation
import OpenAPIRuntime

extension APIServer {
    /// The default page size; the allowed range is openapi.yaml's (QueryCheckMiddleware applies it).
    static let defaultRunLimit = 50

    public func listRuns(_ input: Operations.ListRuns.Input) async throws -> Operations.ListRuns.Output {
        let query = input.query
        let limit = query.limit ?? Self.defaultRunLimit
        let offset = query.offset ?? 0
        let status = query.status.flatMap { RunStatus(rawValue: $0.rawValue) }
        let runs = try runStore.runs(job: query.job, status: status, limit: limit, offset: offset)
        let total = try statistics.count(job: query.job, status: status)
        let nextOffset = offset + runs.count < total ? offset + runs.count : nil
        let next = nextOffset.map { Self.runsLink(job: query.job, status: status, limit: limit, offset: $0) }
        let view = RunListView(runs: runs.map(RunView.init), limit: limit, offset: offset, total: total, nextOffset: nextOffset, next: next)
        return .ok(.init(body: .json(try WireBridge.convert(view))))
    }

    public func getRun(_ input: Operations.GetRun.Input) async throws -> Operations.GetRun.Output {
        .ok(.init(body: .json(try WireBridge.convert(RunView(try record(input.path.id))))))
    }

    public func getRunLogs(_ input: Operations.GetRunLogs.Input) async throws -> Operations.GetRunLogs.Output {
        let run = try record(input.path.id)
        guard let path = run.logPath, let data = FileManager.default.contents(atPath: path) else {
            throw APIError(.notFound, "run \(run.runID) has no log file", parameter: "id")
        }
        return .ok(.init(body: .textPlainCharsetUtf8(HTTPBody(data))))
    }

    public func listRunFiles(_ input: Operations.ListRunFiles.Input) async throws -> Operations.ListRunFiles.Output {
        let run = try record(input.path.id)
        let files = try await bundle.files(runID: run.runID).map(\.file)
        return .ok(.init(body: .json(try WireBridge.convert(RunFilesView(runID: run.runID, files: files)))))
    }

    var bundle: RunBundle { RunBundle(runStore: runStore, targets: PublishTargetFactory(workspace: workspace)) }

    func record(_ id: String) throws -> RunRecord {
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
