import DartTesting
import Foundation

/// `scripts/testing/http_receiver.py webhook`: answers each POST with the next scripted status
/// (the last repeats) and logs every request. Its port is read from the output file it prints
/// `LISTENING <port>` to; it exits when this object closes its standard input.
final class ScriptedWebhookReceiver: @unchecked Sendable {
    let port: Int
    let requestLog: URL
    private let process: Process
    private let input: Pipe

    var url: String { "http://127.0.0.1:\(port)/hooks/T0123/secret-path-token?sig=AbCdEf123" }

    init(statuses: [Int]) async throws {
        let directory = try SamplePaths.temporaryDirectory("webhook")
        requestLog = directory.appendingPathComponent("requests.jsonl")
        let output = directory.appendingPathComponent("stdout.txt")
        for file in [requestLog, output] where !FileManager.default.createFile(atPath: file.path, contents: nil) {
            throw PipelineTestError("could not create \(file.path)")
        }
        let script = String(decoding: try JSONSerialization.data(withJSONObject: statuses.map { ["status": $0] }), as: UTF8.self)
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", SamplePaths.repositoryRoot.appendingPathComponent("scripts/testing/http_receiver.py").path,
                             "webhook", requestLog.path, script]
        input = Pipe()
        process.standardInput = input
        process.standardOutput = try FileHandle(forWritingTo: output)
        try process.run()
        var found: Int?
        for _ in 0..<200 where found == nil {
            let text = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
            if let line = text.split(separator: "\n").first(where: { $0.hasPrefix("LISTENING ") }) { found = Int(line.dropFirst(10)) }
            if found == nil { try await Task.sleep(for: .milliseconds(50)) }
        }
        guard let found else {
            process.terminate()
            throw PipelineTestError("http_receiver.py did not report its port")
        }
        port = found
    }

    /// Request bodies in arrival order.
    var bodies: [String] {
        get throws {
            try String(contentsOf: requestLog, encoding: .utf8).split(separator: "\n").map { line in
                let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
                return object?["body"] as? String ?? ""
            }
        }
    }

    deinit {
        try? input.fileHandleForWriting.close()
        if process.isRunning { process.terminate() }
    }
}

struct PipelineTestError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// A loopback port with nothing listening (bound, read, released).
func closedLoopbackPort() throws -> Int {
    let result = try TestServices.shell("python3 -c 'import socket; s=socket.socket(); s.bind((\"127.0.0.1\", 0)); print(s.getsockname()[1]); s.close()'")
    guard result.status == 0, let port = Int(result.output.trimmingCharacters(in: .whitespacesAndNewlines)) else {
        throw PipelineTestError("could not find a free port: \(result.output)")
    }
    return port
}
