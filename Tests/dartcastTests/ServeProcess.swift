import DartTesting
import Foundation

/// A `dartcast serve` child process with its output in files, for tests that signal it.
final class ServeProcess {
    let process = Process()
    let stdoutFile: URL
    let stderrFile: URL

    /// The dartcast binary built beside this test bundle (`.build/debug/dartcast`).
    static var binary: URL {
        let besideTests = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("dartcast")
        if FileManager.default.isExecutableFile(atPath: besideTests.path) { return besideTests }
        return SamplePaths.repositoryRoot.appendingPathComponent(".build/debug/dartcast")
    }

    init(arguments: [String], environment: [String: String], logDirectory: URL, label: String) throws {
        stdoutFile = logDirectory.appendingPathComponent("\(label).out")
        stderrFile = logDirectory.appendingPathComponent("\(label).err")
        FileManager.default.createFile(atPath: stdoutFile.path, contents: nil)
        FileManager.default.createFile(atPath: stderrFile.path, contents: nil)
        process.executableURL = Self.binary
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardOutput = try FileHandle(forWritingTo: stdoutFile)
        process.standardError = try FileHandle(forWritingTo: stderrFile)
        try process.run()
    }

    var output: String { (try? String(contentsOf: stdoutFile, encoding: .utf8)) ?? "" }
    var errors: String { (try? String(contentsOf: stderrFile, encoding: .utf8)) ?? "" }

    /// The `http://host:port` the server printed once listening.
    func waitForAddress(timeout: Duration) async throws -> String {
        try await poll(timeout: timeout, "the server to listen") {
            output.split(separator: "\n").first { $0.hasPrefix("dartcast serve listening on ") }
                .map { String($0.dropFirst("dartcast serve listening on ".count)) }
        }
    }

    func terminate(signal: Int32 = SIGTERM) { kill(process.processIdentifier, signal) }

    /// Waits for the process to exit; kills it and fails if it does not in time.
    func waitForExit(timeout: Duration) async throws -> Int32 {
        do {
            _ = try await poll(timeout: timeout, "dartcast serve to exit") { process.isRunning ? nil : true }
        } catch {
            kill(process.processIdentifier, SIGKILL)
            throw error
        }
        return process.terminationStatus
    }

    func stop() {
        if process.isRunning { kill(process.processIdentifier, SIGKILL); process.waitUntilExit() }
    }
}

struct PollTimeout: Error, CustomStringConvertible {
    let what: String
    var description: String { "timed out waiting for \(what)" }
}

/// Polls `check` every 50 ms until it returns a value or `timeout` passes.
func poll<T>(timeout: Duration, _ what: String, _ check: () throws -> T?) async throws -> T {
    let deadline = ContinuousClock.now.advanced(by: timeout)
    while ContinuousClock.now < deadline {
        if let value = try check() { return value }
        try await Task.sleep(for: .milliseconds(50))
    }
    throw PollTimeout(what: what)
}

/// Runs the dartcast binary to completion and returns its standard output.
/// Runs the dartcast binary to completion; `errors` is what it wrote to standard error.
func runDartcast(_ arguments: [String], environment: [String: String] = [:]) throws -> (status: Int32, output: String, errors: String) {
    let process = Process()
    process.executableURL = ServeProcess.binary
    process.arguments = arguments
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    let pipe = Pipe()
    process.standardOutput = pipe
    // A file, not a second pipe: reading one pipe to the end while the other fills would block.
    let errorFile = FileManager.default.temporaryDirectory.appendingPathComponent("dartcast-stderr-\(UUID().uuidString)")
    FileManager.default.createFile(atPath: errorFile.path, contents: nil)
    defer { try? FileManager.default.removeItem(at: errorFile) }
    process.standardError = try FileHandle(forWritingTo: errorFile)
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let errors = (try? String(contentsOf: errorFile, encoding: .utf8)) ?? ""
    return (process.terminationStatus, String(decoding: data, as: UTF8.self), errors)
}
