import DartRuns
import AsyncHTTPClient
import DartAPI
import DartPipeline
import DartServer
import Foundation
import NIOCore
import OpenAPIAsyncHTTPClient
import OpenAPIRuntime

/// The `--server URL` side of the CLI: the client generated from openapi.yaml, over the
/// process's one shared `HTTPClient` (`APIClient.http`). Answers come back as the same views
/// the local paths build, so each command formats both alike. The token is sent only in the
/// Authorization header of POSTs and never printed.
struct APIClient {
    /// What went wrong, in words for the user; never holds the token.
    struct Failure: Error, Hashable, Sendable, CustomStringConvertible {
        let description: String
    }

    static let timeout: TimeAmount = .seconds(60)

    /// The process's one HTTP client, never shut down (like `HTTPClient.shared`), but with the
    /// default 10 s connect timeout: with `.shared`'s settings an absent server is only reported
    /// at the 60 s request deadline.
    static let http = HTTPClient(eventLoopGroupProvider: .singleton)

    let baseURL: String
    private let client: Client

    init(baseURL: String, token: String?) throws {
        let trimmed = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        guard let url = URL(string: trimmed) else { throw Failure(description: "--server \(baseURL) is not a URL") }
        self.baseURL = trimmed
        client = Client(serverURL: url,
                        transport: AsyncHTTPClientTransport(configuration: .init(client: Self.http, timeout: Self.timeout)),
                        middlewares: [ServerErrorMiddleware(), TokenMiddleware(token: token)])
    }

    /// One page of runs, newest first (the views' times parsed back: the formatters take records).
    func runs(job: String?, status: RunStatus?, limit: Int) async throws -> [RunRecord] {
        let query = Operations.ListRuns.Input.Query(job: job, status: status.flatMap { .init(rawValue: $0.rawValue) }, limit: limit)
        let page: RunListView = try await call { try WireBridge.convert(try await $0.listRuns(query: query).ok.body.json) }
        return try page.runs.map { try $0.record() }
    }

    func run(_ id: String) async throws -> RunRecord {
        let view: RunView = try await call { try WireBridge.convert(try await $0.getRun(path: .init(id: id)).ok.body.json) }
        return try view.record()
    }

    func runLog(_ id: String) async throws -> Data {
        try await call { try await Data(collecting: try await $0.getRunLogs(path: .init(id: id)).ok.body.textPlainCharsetUtf8, upTo: Self.maxBody) }
    }

    func runFiles(_ id: String) async throws -> RunFilesView {
        try await call { try WireBridge.convert(try await $0.listRunFiles(path: .init(id: id)).ok.body.json) }
    }

    func schedules() async throws -> ScheduleListView {
        try await call { try WireBridge.convert(try await $0.listSchedules().ok.body.json) }
    }

    func setEnabled(job: String, enabled: Bool) async throws -> ScheduleSwitchView {
        try await call { client in
            let output = enabled ? try await client.enableSchedule(path: .init(job: job)).ok.body.json
                                 : try await client.disableSchedule(path: .init(job: job)).ok.body.json
            return try WireBridge.convert(output)
        }
    }

    /// - Parameter retrain: nil keeps the job's setting.
    func trigger(job: String, retrain: Bool?) async throws -> TriggerView {
        try await call { try WireBridge.convert(try await $0.triggerJob(path: .init(job: job), query: .init(retrain: retrain)).accepted.body.json) }
    }

    /// `GET /api/runs/{id}/files/{name}` is served byte for byte outside the generated API (the
    /// generated code would re-encode a `.json` file), so it is fetched directly, on the same shared client.
    func runFile(_ id: String, name: String) async throws -> Data {
        let url = baseURL + "/api/runs/\(Self.pathSegment(id))/files/\(Self.pathSegment(name))"
        do {
            let response = try await Self.http.execute(HTTPClientRequest(url: url), timeout: Self.timeout)
            let data = Data(try await response.body.collect(upTo: Self.maxBody).readableBytesView)
            guard (200..<300).contains(Int(response.status.code)) else {
                throw Failure(description: "GET \(url): \(response.status.code) \(ServerErrorMiddleware.message(in: data))")
            }
            return data
        } catch let failure as Failure {
            throw failure
        } catch {
            throw unreachable(error)
        }
    }

    private static func pathSegment(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/"))) ?? text
    }

    private func unreachable(_ error: any Error) -> Failure {
        Failure(description: "cannot reach \(baseURL): \(error); is `dartcast serve` running there?")
    }

    /// Answers larger than this are refused (a run's partition files are the biggest).
    static let maxBody = 256 << 20

    /// Runs `work`, turning the generated client's errors into a `Failure`: the server's own
    /// message, or that the server cannot be reached. `ClientError` itself is never shown: its
    /// description includes the request, headers and all.
    private func call<T>(_ work: (Client) async throws -> T) async throws -> T {
        do {
            return try await work(client)
        } catch let error as ClientError {
            if let failure = error.underlyingError as? Failure { throw failure }
            if error.underlyingError is HTTPClientError || error.response == nil {
                throw unreachable(error.underlyingError)
            }
            throw Failure(description: "\(baseURL): unexpected answer to \(error.operationID) (\(error.causeDescription)); is the server the same dartcast version?")
        }
    }
}
