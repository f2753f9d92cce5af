import DartTesting
import Foundation
import Testing

/// An explicitly given `--config` must exist: a typo must not silently mean the built-in defaults.
@Suite struct ConfigPathTests {
    /// Runs the binary and returns its exit status and standard error.
    static func run(_ arguments: [String]) throws -> (status: Int32, errors: String) {
        let result = try runDartcast(arguments, capture: .standardError)
        return (result.status, result.text)
    }

    @Test(arguments: [["config", "validate"], ["config", "show"], ["data", "status"], ["runs", "list"]])
    func aMissingExplicitConfigIsAnErrorNamingIt(command: [String]) throws {
        let directory = try SamplePaths.temporaryDirectory("dartcast-config-path")
        let missing = directory.appendingPathComponent("settngs.json").path
        let result = try Self.run(command + ["--config", missing, "--data-dir", directory.path])
        #expect(result.status != 0)
        #expect(result.errors.contains("--config \(missing): no such file"))
    }

    @Test func anExistingExplicitConfigValidates() throws {
        let directory = try SamplePaths.temporaryDirectory("dartcast-config-path")
        let result = try Self.run(["config", "validate", "--config", try emptySettings(in: directory).path])
        #expect(result.status == 0)
    }

    /// Family names are the family table's to check: `config validate` and every command that
    /// loads a workspace name the key and the registered families.
    @Test func anUnregisteredModelFamilyIsAnErrorNamingTheKey() throws {
        let directory = try SamplePaths.temporaryDirectory("dartcast-config-path")
        let config = directory.appendingPathComponent("settings.json")
        try Data(#"{"models": {"families": ["lightgbm", "catboost"]}}"#.utf8).write(to: config)
        let problem = #"models.families[1]: "catboost" is not a registered model family; use one of lightgbm, xgboost, mlp"#
        let validate = try runDartcast(["config", "validate", "--config", config.path], capture: .standardOutput)
        #expect(validate.status == 1)
        #expect(validate.text.contains("error: \(config.path): \(problem)"), "\(validate.text)")
        #expect(validate.text.contains("0 warnings, 1 error"))
        let status = try Self.run(["data", "status", "--config", config.path, "--data-dir", directory.path])
        #expect(status.status != 0)
        #expect(status.errors.contains(problem), "\(status.errors)")
    }
}

enum CapturedStream { case standardOutput, standardError }

/// Runs the dartcast binary to its end and returns its exit status and the text of one stream
/// (the other is discarded).
func runDartcast(_ arguments: [String], capture: CapturedStream) throws -> (status: Int32, text: String) {
    let process = Process()
    process.executableURL = ServeProcess.binary
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = capture == .standardOutput ? pipe : FileHandle.nullDevice
    process.standardError = capture == .standardError ? pipe : FileHandle.nullDevice
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}
