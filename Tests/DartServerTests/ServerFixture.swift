import DartRuns
import DartWorkspace
import DartConfig
import DartCore
import DartRuntime
import DartScheduler
@testable import DartServer
import DartTesting
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging

/// An `APIServer` over a fresh data directory with default settings; the scheduler loop is
/// not started (tests mark it started through its `observe` hook when they need to).
struct ServerFixture {
    static let token = "test-token-3f9a"

    let directory: URL
    let workspace: Workspace
    let runStore: RunStore
    let scheduler: Scheduler
    let state: ServerState
    let api: APIServer

    /// - Parameter token: the API token in the environment; nil configures none.
    init(token: String? = ServerFixture.token) throws {
        directory = try SamplePaths.temporaryDirectory("dartcast-server")
        let state = ServerState()
        self.state = state
        var environment: [String: String] = [:]
        if let token { environment["DARTCAST_API_TOKEN"] = token }
        let loaded = try SettingsLoader.load(path: directory.appendingPathComponent("missing-settings.json"),
                                             environment: environment, dotenvDirectory: directory)
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        workspace = try Workspace(loaded: loaded, dataDirectory: directory, logger: logger)
        runStore = try workspace.runStore()
        let runtime = DartRuntime(workspace: workspace)
        scheduler = try runtime.scheduler(pipeline: runtime.pipeline(), observe: { state.observe($0) })
        api = try APIServer(workspace: workspace, scheduler: scheduler, runStore: runStore,
                            authorization: BearerAuthorization(token: loaded.secrets.value(forEnvironmentVariable: "DARTCAST_API_TOKEN"),
                                                               environmentVariable: "DARTCAST_API_TOKEN"),
                            triggers: ManualTriggers(scheduler: scheduler, logger: logger), state: state,
                            now: { Int64(Date().timeIntervalSince1970) })
    }

    func application() throws -> some ApplicationProtocol {
        Application(router: try api.router(), logger: workspace.logger)
    }

    /// Saves `count` finished runs of `job`, one per hour from `firstSlotUTC`.
    @discardableResult
    func seedRuns(job: String, count: Int, firstSlotUTC: Int64 = 1_740_805_500, status: RunStatus = .succeeded,
                  product: String = "hourly") throws -> [RunRecord] {
        try (0..<count).map { index in
            let slot = firstSlotUTC + Int64(index) * 3600
            var record = RunRecord(runID: "\(job)-\(slot)-1", job: job, slotUTC: slot, product: product, params: [:],
                                   startedAtUTC: slot + 10,
                                   steps: [StepRecord(name: "predict", status: .succeeded, durationSeconds: Double(index % 7) + 0.5)])
            record.status = status
            record.finishedAtUTC = slot + 70
            record.rowCounts["predictions"] = 360
            try runStore.save(record)
            return record
        }
    }

    static func bearer(_ token: String) -> HTTPFields {
        var headers = HTTPFields()
        headers[.authorization] = "Bearer \(token)"
        return headers
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }

    func json<T: Decodable>(_ type: T.Type) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(text.utf8))
    }
}
