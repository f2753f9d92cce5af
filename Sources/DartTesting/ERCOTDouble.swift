import AsyncHTTPClient
import DartConfig
import Foundation
import Glibc
import NIOCore

/// `scripts/ercot-double/ercot_double.py` as a child process: a local server answering in the
/// shapes of ERCOT's Public Reports API from the bundled sample. Tests point `sources.ercot` at
/// it, steer it through its `/_double/…` control endpoints, and kill it to test recovery.
public final class ERCOTDouble: @unchecked Sendable {
    public static let subscriptionKey = "test-subscription-key-5f1c"
    public static let username = "trader@example.com"
    public static let password = "test-password-9a7e"

    /// One request as the double saw it (it never records header values).
    public struct SeenRequest: Decodable, Sendable {
        public var method: String
        public var path: String
        public var query: [String: String]
        public var status: Int
        public var hadSubscriptionKey: Bool
        public var hadBearer: Bool
        public var at: Double
    }

    public let port: Int
    public let arguments: [String]
    private let process: Process
    private let http = HTTPClient(eventLoopGroupProvider: .singleton)

    /// Starts the double and waits until it listens. `arguments` are extra flags (`--rate-limit 1000`).
    public init(arguments: [String] = [], dataDirectory: URL = SamplePaths.sampleDirectory) throws {
        let folder = try SamplePaths.temporaryDirectory("ercot-double")
        let portFile = folder.appendingPathComponent("port")
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        self.arguments = arguments
        process.arguments = ["python3", SamplePaths.repositoryRoot.appendingPathComponent("scripts/ercot-double/ercot_double.py").path,
                             "--data-dir", dataDirectory.path, "--port", "0", "--port-file", portFile.path,
                             "--subscription-key", Self.subscriptionKey, "--username", Self.username, "--password", Self.password]
            + arguments
        process.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
        let log = folder.appendingPathComponent("stderr.log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        process.standardError = try FileHandle(forWritingTo: log)
        try process.run()
        let deadline = Date().addingTimeInterval(30)
        while true {
            if let text = try? String(contentsOf: portFile, encoding: .utf8), let port = Int(text.trimmingCharacters(in: .whitespacesAndNewlines)) {
                self.port = port
                break
            }
            guard process.isRunning, Date() < deadline else {
                process.terminate()
                throw DoubleFailure("the ERCOT double did not start: " + ((try? String(contentsOf: log, encoding: .utf8)) ?? ""))
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
    }

    deinit {
        if process.isRunning { Glibc.kill(process.processIdentifier, SIGKILL) }
        try? http.syncShutdown()
    }

    public var baseURL: String { "http://127.0.0.1:\(port)" }

    /// `sources.ercot` pointing at this double.
    public func settings(pageSize: Int = 50_000, maxRequestsPerMinute: Int = 25, maxAttempts: Int = 6,
                         reports: [ERCOTSourceSettings.Report] = ERCOTSourceSettings.Report.allCases) -> ERCOTSourceSettings {
        ERCOTSourceSettings(apiBaseURL: baseURL + "/api/public-reports",
                            tokenURL: baseURL + "/ercotb2c.onmicrosoft.com/B2C_1_PUBAPI-ROPC-FLOW/oauth2/v2.0/token",
                            reports: reports, pageSize: pageSize, maxRequestsPerMinute: maxRequestsPerMinute, maxAttempts: maxAttempts)
    }

    /// The three secrets, as the environment would give them.
    public static var environment: [String: String] {
        ["DARTCAST_ERCOT_SUBSCRIPTION_KEY": subscriptionKey, "DARTCAST_ERCOT_USERNAME": username, "DARTCAST_ERCOT_PASSWORD": password]
    }

    public static func secrets(_ environment: [String: String] = environment) -> Secrets {
        let settings = ERCOTSourceSettings()
        return Secrets(references: [settings.subscriptionKeyEnv, settings.usernameEnv, settings.passwordEnv].map {
            SecretReference(settingPath: "sources.ercot", environmentVariable: $0, isNeeded: true)
        }, environment: environment, dotenv: [:])
    }

    /// SIGKILL, as a crash or an outage would end it.
    public func kill() {
        if process.isRunning { Glibc.kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    public func setAsOf(_ iso: String?) async throws { _ = try await control("POST", "as-of?t=\(iso ?? "none")") }
    public func failNext(_ count: Int, status: Int = 503) async throws { _ = try await control("POST", "fail-next?count=\(count)&status=\(status)") }
    public func throttleNext(retryAfter seconds: Int) async throws { _ = try await control("POST", "throttle-next?retryAfter=\(seconds)") }
    public func resetLog() async throws { _ = try await control("POST", "reset-log") }

    /// Every request seen since the start or the last `resetLog()`.
    public func requests() async throws -> [SeenRequest] {
        try JSONDecoder().decode([SeenRequest].self, from: try await control("GET", "requests"))
    }

    /// Every token value the double handed out (for leak tests).
    public func issuedTokens() async throws -> [String] {
        try JSONDecoder().decode([String].self, from: try await control("GET", "issued-tokens"))
    }

    private func control(_ method: String, _ path: String) async throws -> Data {
        var request = HTTPClientRequest(url: baseURL + "/_double/" + path)
        request.method = .RAW(value: method)
        let response = try await http.execute(request, timeout: .seconds(30))
        let body = Data(buffer: try await response.body.collect(upTo: 1 << 28))
        guard response.status.code == 200 else {
            throw DoubleFailure("control \(method) \(path) answered \(response.status.code): \(String(decoding: body, as: UTF8.self))")
        }
        return body
    }

    struct DoubleFailure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }
}
