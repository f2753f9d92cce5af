import DartCore
import DartData
import DartTesting
import Foundation
import Logging
import Testing
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `dartcast fetch ercot` as a real process against the local ERCOT double.
@Suite(.serialized) struct FetchCommandTests {
    static let bundledFiles = [SamplePaths.nativeDAMHouston, SamplePaths.rtm15Minute4Hubs, SamplePaths.windSolarForecasts2024,
                               SamplePaths.loadActual]

    static func settings(_ double: ERCOTDouble, in root: URL, points: [String] = ["HB_HOUSTON", "HB_NORTH", "HB_SOUTH", "HB_WEST"],
                         extra: String = "") throws -> URL {
        let file = root.appendingPathComponent("settings.json")
        let quoted = points.map { "\"\($0)\"" }.joined(separator: ", ")
        try Data("""
            {"market": {"settlement_points": [\(quoted)]},
             "sources": {"ercot": {"api_base_url": "\(double.baseURL)/api/public-reports",
                                   "token_url": "\(double.baseURL)/b2c/oauth2/v2.0/token", "max_attempts": 3}}\(extra)}
            """.utf8).write(to: file)
        return file
    }

    static func referenceDump() throws -> [String] {
        let directory = try SamplePaths.temporaryDirectory("fetch-reference")
        let store = try MarketStore(directory: directory, logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() })
        for file in bundledFiles { _ = try store.ingest(file: file) }
        return try MarketStoreDump.lines(dataDirectory: directory, excludingSeries: { $0.hasSuffix("_final") })
    }

    @Test("a fetch killed with SIGKILL mid-way, then run again, leaves the store an uninterrupted fetch leaves")
    func killedFetchThenRerun() async throws {
        // 0.4 s per request: the 12 requests take about 5 s, time enough to kill the fetch after 4.
        let double = try ERCOTDouble(arguments: ["--rate-limit", "1000", "--latency-ms", "400"])
        let root = try SamplePaths.temporaryDirectory("dartcast-fetch-kill")
        let config = try Self.settings(double, in: root)
        let data = root.appendingPathComponent("data")
        let arguments = ["fetch", "ercot", "--from", "2023-11-01", "--config", config.path, "--data-dir", data.path]
        let first = try ServeProcess(arguments: arguments, environment: ERCOTDouble.environment, logDirectory: root, label: "first")
        defer { first.stop() }
        // Kill it once a few pages are in: some committed, the rest not yet asked for.
        let deadline = ContinuousClock.now + .seconds(60)
        while try await double.requests().filter({ $0.path.hasPrefix("/api/") && $0.status == 200 }).count < 4 {
            guard ContinuousClock.now < deadline else { throw PollTimeout(what: "four API requests") }
            try await Task.sleep(for: .milliseconds(50))
        }
        first.terminate(signal: SIGKILL)
        _ = try await first.waitForExit(timeout: .seconds(10))
        let partial = try MarketStoreDump.lines(dataDirectory: data)
        let reference = try Self.referenceDump()
        #expect(partial.count < reference.count)

        let second = try runDartcast(arguments, environment: ERCOTDouble.environment)
        #expect(second.status == 0, "\(second.errors.suffix(2000))")
        #expect(second.output.contains("NP4-190-CD") && second.output.contains("requests"), "\(second.output)")
        let stored = try MarketStoreDump.lines(dataDirectory: data)
        #expect(stored.count == reference.count)
        #expect(stored == reference)

        let third = try runDartcast(["fetch", "ercot", "--config", config.path, "--data-dir", data.path], environment: ERCOTDouble.environment)
        #expect(third.status == 0)
        #expect(try MarketStoreDump.lines(dataDirectory: data) == reference)
    }

    @Test("no key, password or token in logs, run records, errors, the API or the dashboard after fetches and runs")
    func secretsNeverLeak() async throws {
        let double = try ERCOTDouble(arguments: ["--rate-limit", "1000"])
        let root = try SamplePaths.temporaryDirectory("dartcast-fetch-secrets")
        let config = try Self.settings(double, in: root, points: ["HB_HOUSTON"], extra: """
            , "models": {"families": ["lightgbm"], "ensemble": false, "threads": 1, "training_window_days": 45, "cv_folds": 0,
                         "hyperparameters": {"lightgbm": {"num_iterations": 20, "learning_rate": 0.1, "early_stopping_rounds": 20}}},
            "scheduling": {"jobs": {"daily_retrain": {"enabled": false}, "hourly_predict": {"enabled": false}}},
            "server": {"port": 0}
            """)
        let data = root.appendingPathComponent("data")
        var transcripts: [String] = []
        let common = ["--config", config.path, "--data-dir", data.path]
        let fetched = try runDartcast(["fetch", "ercot", "--from", "2024-12-01", "--log-level", "debug"] + common, environment: ERCOTDouble.environment)
        #expect(fetched.status == 0, "\(fetched.errors.suffix(2000))")
        transcripts += [fetched.output, fetched.errors]

        // A production run fetches again (from the watermarks) before building features.
        let run = try runDartcast(["run", "--product", "dayahead", "--issue-time", "2025-02-20T12:00:00Z", "--log-level", "debug"] + common,
                                  environment: ERCOTDouble.environment)
        #expect(run.status == 0, "\(run.output.suffix(1500)) \(run.errors.suffix(3000))")
        transcripts += [run.output, run.errors]

        // Wrong password and key: the errors say what to fix without the values.
        let wrongPassword = "wrong-password-4d9f"
        var wrong = ERCOTDouble.environment
        wrong["DARTCAST_ERCOT_PASSWORD"] = wrongPassword
        let refused = try runDartcast(["fetch", "ercot"] + common, environment: wrong)
        #expect(refused.status != 0)
        #expect(refused.errors.contains("DARTCAST_ERCOT_PASSWORD") || refused.errors.contains("password"), "\(refused.errors)")
        let failingRun = try runDartcast(["run", "--product", "dayahead", "--issue-time", "2025-02-21T12:00:00Z"] + common, environment: wrong)
        transcripts += [refused.output, refused.errors, failingRun.output, failingRun.errors]

        let server = try ServeProcess(arguments: ["serve"] + common, environment: ERCOTDouble.environment, logDirectory: root, label: "serve")
        defer { server.stop() }
        let address = try await server.waitForAddress(timeout: .seconds(60))
        let runs = try httpGet(address + "/api/runs")
        #expect(runs.status == 200 && runs.body.contains("dayahead"))
        transcripts += [runs.body, try httpGet(address + "/").body, try httpGet(address + "/metrics").body]
        for id in runIDs(try JSONSerialization.jsonObject(with: Data(runs.body.utf8))) {
            transcripts += [try httpGet(address + "/api/runs/\(id)").body, try httpGet(address + "/api/runs/\(id)/logs").body]
        }
        server.stop()
        transcripts += [server.output, server.errors]

        let tokens = try awaitSync { try await double.issuedTokens() }
        #expect(tokens.count >= 2)
        let needles = [ERCOTDouble.subscriptionKey, ERCOTDouble.password, wrongPassword] + tokens
        // Every file dartcast wrote (stores, run logs, the outbox, predictions), as bytes.
        var files: [(String, Data)] = []
        for case let url as URL in FileManager.default.enumerator(at: data, includingPropertiesForKeys: nil)! {
            if let bytes = try? Data(contentsOf: url) { files.append((url.path, bytes)) }
        }
        #expect(files.count > 5)
        for needle in needles {
            for (index, text) in transcripts.enumerated() { #expect(!text.contains(needle), "transcript \(index) holds a secret") }
            for (path, bytes) in files { #expect(bytes.range(of: Data(needle.utf8)) == nil, "\(path) holds a secret") }
        }
    }

    func httpGet(_ url: String) throws -> (status: Int, body: String) {
        let semaphore = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var result = (0, "")
        URLSession.shared.dataTask(with: URL(string: url)!) { data, response, _ in
            result = ((response as? HTTPURLResponse)?.statusCode ?? 0, data.map { String(decoding: $0, as: UTF8.self) } ?? "")
            semaphore.signal()
        }.resume()
        semaphore.wait()
        return result
    }
}

/// Run ids in a `/api/runs` answer.
private func runIDs(_ json: Any) -> [String] {
    let runs = ((json as? [String: Any])?["runs"] as? [[String: Any]]) ?? (json as? [[String: Any]]) ?? []
    return runs.compactMap { ($0["run_id"] ?? $0["runID"] ?? $0["id"]) as? String }
}

/// Runs async work from a synchronous poll closure.
func awaitSync<T: Sendable>(_ work: @escaping @Sendable () async throws -> T) throws -> T {
    let semaphore = DispatchSemaphore(value: 0)
    nonisolated(unsafe) var result: Result<T, any Error>?
    Task {
        do { result = .success(try await work()) } catch { result = .failure(error) }
        semaphore.signal()
    }
    semaphore.wait()
    return try result!.get()
}
