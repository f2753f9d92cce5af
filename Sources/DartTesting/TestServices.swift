import Foundation

/// The real services the integration tests use, started by `scripts/test-services` (which
/// `scripts/test` runs). Each accessor returns nil when the service is not configured, so a
/// plain `swift test` skips those tests; under `scripts/test` (`DARTCAST_REQUIRE_SERVICES=1`)
/// a missing service is a failure, never a silent skip.
public enum TestServices {
    public static var environment: [String: String] { ProcessInfo.processInfo.environment }

    /// True when the test script promised the services; tests then fail instead of skipping.
    public static var required: Bool { environment["DARTCAST_REQUIRE_SERVICES"] == "1" }

    public struct Postgres: Sendable {
        public let host: String
        public let port: Int
        public let user: String
        public let password: String
        public let database: String
        /// `pg_ctl -D … -o … -l …` without the verb: append `stop -m fast` or `start -w` (run as the postgres user).
        public let controlCommand: String
    }

    public struct S3: Sendable {
        public let endpoint: URL
        public let accessKeyID: String
        public let secretAccessKey: String
        /// PID of the SeaweedFS process, for fault tests that stop it.
        public let pidFile: String
    }

    public struct SMTP: Sendable {
        public let host: String
        public let port: Int
        public let user: String
        public let password: String
        /// The server's self-signed certificate, to trust for STARTTLS.
        public let caFile: String
        /// Where the server saves each accepted message as a `.eml` file.
        public let spoolDirectory: URL
    }

    public static var postgres: Postgres? {
        let e = environment
        guard let host = e["DARTCAST_TEST_PG_HOST"], let port = e["DARTCAST_TEST_PG_PORT"].flatMap(Int.init),
              let user = e["DARTCAST_TEST_PG_USER"], let password = e["DARTCAST_TEST_PG_PASSWORD"],
              let database = e["DARTCAST_TEST_PG_DATABASE"] else { return nil }
        return Postgres(host: host, port: port, user: user, password: password, database: database,
                        controlCommand: e["DARTCAST_TEST_PG_CTL"] ?? "")
    }

    public static var s3: S3? {
        let e = environment
        guard let endpoint = e["DARTCAST_TEST_S3_ENDPOINT"].flatMap(URL.init(string:)), let key = e["DARTCAST_TEST_S3_ACCESS_KEY_ID"],
              let secret = e["DARTCAST_TEST_S3_SECRET_ACCESS_KEY"] else { return nil }
        return S3(endpoint: endpoint, accessKeyID: key, secretAccessKey: secret, pidFile: e["DARTCAST_TEST_S3_PID_FILE"] ?? "")
    }

    public static var smtp: SMTP? {
        let e = environment
        guard let host = e["DARTCAST_TEST_SMTP_HOST"], let port = e["DARTCAST_TEST_SMTP_PORT"].flatMap(Int.init),
              let user = e["DARTCAST_TEST_SMTP_USER"], let password = e["DARTCAST_TEST_SMTP_PASSWORD"],
              let ca = e["DARTCAST_TEST_SMTP_CA"], let spool = e["DARTCAST_TEST_SMTP_SPOOL"] else { return nil }
        return SMTP(host: host, port: port, user: user, password: password, caFile: ca, spoolDirectory: URL(fileURLWithPath: spool))
    }

    /// Whether a test needing `service` should run: true when configured; false (skip) when not
    /// configured and not required. Use with `.enabled(if: TestServices.shouldRun(TestServices.postgres != nil))`;
    /// inside the test, `try #require(TestServices.postgres)` then fails loudly when required but missing.
    public static func shouldRun(_ configured: Bool) -> Bool { configured || required }

    /// Runs a shell command (for stopping and starting services in fault tests). Output goes
    /// through a file, not a pipe: a daemon the command starts (pg_ctl start) would otherwise
    /// inherit the pipe and keep it open, and reading it would never end.
    @discardableResult
    public static func shell(_ command: String) throws -> (status: Int32, output: String) {
        let outputURL = FileManager.default.temporaryDirectory.appendingPathComponent("dartcast-shell-\(UUID().uuidString).log")
        FileManager.default.createFile(atPath: outputURL.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: outputURL) }
        let handle = try FileHandle(forWritingTo: outputURL)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        process.waitUntilExit()
        try handle.close()
        let output = (try? String(contentsOf: outputURL, encoding: .utf8)) ?? ""
        return (process.terminationStatus, output)
    }
}
