import Foundation

/// Runs python3 with the project's pinned wheels (`.deps/py`, `.deps/testpy`) on the path,
/// for tests that check our output with another implementation (pyarrow, pandas).
public enum PythonRunner {
    public struct Failure: Error, CustomStringConvertible {
        public let status: Int32
        public let output: String
        public var description: String { "python3 exited \(status): \(output)" }
    }

    public static func run(script: String, arguments: [String] = []) throws -> String {
        let deps = SamplePaths.repositoryRoot.appendingPathComponent(".deps")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script] + arguments
        var environment = ProcessInfo.processInfo.environment
        // An inherited PYTHONPATH stays, after the pinned folders (lets a run add a package setup did not install yet).
        environment["PYTHONPATH"] = ([deps.appendingPathComponent("py").path, deps.appendingPathComponent("testpy").path]
            + (environment["PYTHONPATH"].map { [$0] } ?? [])).joined(separator: ":")
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let output = String(decoding: data, as: UTF8.self)
        guard process.terminationStatus == 0 else { throw Failure(status: process.terminationStatus, output: output) }
        return output
    }
}
