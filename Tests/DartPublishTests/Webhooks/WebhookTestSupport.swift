import AsyncHTTPClient
import Foundation
@testable import DartPublish

/// A scripted webhook receiver plus what it received.
struct ScriptedWebhook {
    struct Received: Decodable {
        let method: String
        let path: String
        let headers: [String: String]
        let body: String
    }

    let receiver: HTTPReceiverProcess
    let logFile: URL
    /// A URL shaped like a real one, whose path and query are the secret part.
    var url: String { receiver.baseURL + "/workflows/8c1f2e/triggers/manual/paths/invoke?api-version=1&sig=SeCrEtSiGnAtUrE123" }

    /// - Parameter responses: `[status]` or full `{"status", "headers", "body", "delay"}` objects; the last repeats.
    init(responses: [[String: Any]]) async throws {
        logFile = FileManager.default.temporaryDirectory.appendingPathComponent("webhook-\(UUID().uuidString).jsonl")
        FileManager.default.createFile(atPath: logFile.path, contents: nil)
        let script = String(decoding: try JSONSerialization.data(withJSONObject: responses), as: UTF8.self)
        receiver = try await HTTPReceiverProcess.start(["webhook", logFile.path, script])
    }

    init(statuses: [Int]) async throws {
        try await self.init(responses: statuses.map { ["status": $0] })
    }

    var received: [Received] {
        get throws {
            try String(contentsOf: logFile, encoding: .utf8).split(separator: "\n")
                .map { try JSONDecoder().decode(Received.self, from: Data($0.utf8)) }
        }
    }
}

/// Records the delays a transport asked for instead of waiting.
final class RecordedSleeps: @unchecked Sendable {
    private let lock = NSLock()
    private var delays: [Duration] = []
    var all: [Duration] { lock.withLock { delays } }
    var sleep: WebhookTransport.Sleep { { delay in self.lock.withLock { self.delays.append(delay) } } }
}

enum Notifications {
    static let succeeded = RunNotification(
        runID: "run-7f3a", job: "predict-dayahead", product: "dayahead", outcome: .succeeded, slotUTC: 1_730_541_600,
        issueTimeUTC: 1_730_541_600, points: ["HB_NORTH", "HB_WEST", "LZ_HOUSTON"], rowCount: 75,
        summary: ["mean_prediction": 4.25, "min": -31.5, "max": 88.126, "mean_p10_p90_width": 22.0],
        link: "https://dartcast.example.com/runs/run-7f3a")
    static let failed = RunNotification(
        runID: "run-9b21", job: "retrain", product: "hourly", outcome: .failed, slotUTC: 1_730_545_500,
        failedStep: "train", error: "LightGBM: training set has 0 rows for HB_PAN <check ingest>")
}
