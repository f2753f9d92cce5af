import DartTesting
import Foundation

/// A data directory and settings for `dartcast run` as a child process, small enough to be fast:
/// four hubs, a slice of the bundled sample in the inbox, LightGBM only with few iterations
/// (as `RegistrationTests`), the SQLite prediction table on.
struct RunProcessFixture {
    static let points = ["HB_HOUSTON", "HB_NORTH", "HB_SOUTH", "HB_WEST"]
    /// An hourly issue time inside the slice (03:05 CST on 2024-11-28).
    static let hourlyIssue = "2024-11-28T09:05:00Z"

    let root: URL
    let dataDirectory: URL
    let settings: URL
    /// The same settings with run notices to a webhook at `$DARTCAST_WEBHOOK_URL` (one attempt, `webhookTimeout` s).
    let webhookSettings: URL
    /// Rows in the slice file, header excluded.
    let sliceRows: Int

    init(_ label: String, webhookTimeout: Double = 300) throws {
        root = try SamplePaths.temporaryDirectory(label)
        dataDirectory = root.appendingPathComponent("data")
        settings = root.appendingPathComponent("settings.json")
        webhookSettings = root.appendingPathComponent("settings-webhook.json")
        try Data(Self.settingsJSON(notify: nil).utf8).write(to: settings)
        try Data(Self.settingsJSON(notify: webhookTimeout).utf8).write(to: webhookSettings)
        let lines = SampleText.dartHourlySlice(points: Self.points, from: "2024-09-01", through: "2024-11-30")
        sliceRows = lines.count - 1
        try dropIntoInbox(name: "x.csv", lines: lines)
    }

    static func settingsJSON(notify timeout: Double?) -> String {
        let quoted = points.map { "\"\($0)\"" }.joined(separator: ", ")
        let notifications = timeout.map {
            """
            , "notifications": {"enabled": true, "on_success": true, "timeout_seconds": \($0), "max_retries": 0,
                                 "webhook": {"enabled": true}}
            """
        } ?? ""
        return """
            {"market": {"settlement_points": [\(quoted)]},
             "output": {"write_sql": true, "notify": \(timeout != nil)}, "sql": {"enabled": true},
             "scheduling": {"jobs": {"daily_retrain": {"enabled": false}, "hourly_predict": {"enabled": false}}},
             "server": {"port": 0},
             "models": {"families": ["lightgbm"], "ensemble": false, "threads": 1, "training_window_days": 45, "cv_folds": 0,
                        "hyperparameters": {"lightgbm": {"num_iterations": 25, "learning_rate": 0.1, "early_stopping_rounds": 20}}}\(notifications)}
            """
    }

    var inbox: URL { dataDirectory.appendingPathComponent("inbox") }

    func dropIntoInbox(name: String, lines: [Substring]) throws {
        try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: inbox.appendingPathComponent(name))
    }

    /// `--config S --data-dir D` (another directory when given).
    func options(dataDirectory other: URL? = nil) -> [String] {
        ["--config", settings.path, "--data-dir", (other ?? dataDirectory).path]
    }

    /// `dartcast run --product hourly --issue-time …` plus `extra`.
    func runArguments(_ extra: [String] = [], settings other: URL? = nil) -> [String] {
        ["run", "--product", "hourly", "--issue-time", Self.hourlyIssue, "--config", (other ?? settings).path,
         "--data-dir", dataDirectory.path] + extra
    }
}

/// A Python helper as a child process that prints one line (a port, "locked") once ready.
final class PythonChild {
    let process = Process()
    private let pipe = Pipe()
    let firstLine: String

    init(_ program: String, _ arguments: [String] = []) throws {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-u", "-c", program] + arguments
        process.standardOutput = pipe
        try process.run()
        var bytes = Data()
        while true {
            let byte = pipe.fileHandleForReading.readData(ofLength: 1)
            if byte.isEmpty || byte == Data("\n".utf8) { break }
            bytes.append(byte)
        }
        firstLine = String(decoding: bytes, as: UTF8.self)
    }

    /// The rest of its output, after it exits.
    func finish() -> String {
        let rest = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: rest, as: UTF8.self)
    }

    func stop() {
        if process.isRunning { kill(process.processIdentifier, SIGKILL); process.waitUntilExit() }
    }

    /// Listens on 127.0.0.1 and never answers: an HTTP client waits until its timeout. Prints the port.
    static func silentListener() throws -> PythonChild {
        try PythonChild("""
            import socket, time
            s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(64)
            print(s.getsockname()[1]); time.sleep(3600)
            """)
    }

    /// Answers every POST with 200 and counts them on standard error. Prints the port.
    static func acceptingWebhook() throws -> PythonChild {
        try PythonChild("""
            import http.server
            class H(http.server.BaseHTTPRequestHandler):
                def do_POST(self):
                    self.rfile.read(int(self.headers.get("Content-Length", 0)))
                    self.send_response(200); self.send_header("Content-Length", "0"); self.end_headers()
                def log_message(self, *a): pass
            s = http.server.HTTPServer(("127.0.0.1", 0), H)
            print(s.server_address[1]); s.serve_forever()
            """)
    }
}
