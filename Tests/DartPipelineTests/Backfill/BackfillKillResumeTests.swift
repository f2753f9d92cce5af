import DartConfig
import DartCore
import DartRuns
import DartTesting
import DartWorkspace
import Foundation
import Logging
import Testing
@testable import DartPipeline

/// `dartcast backfill` as a real process: SIGKILL it once two issue times are done, run it again,
/// and the outputs equal those of an uninterrupted backfill in another data directory; a second
/// call on a finished range changes nothing. The hourly product over one day (24 issue times,
/// one refit) leaves the kill a few seconds to land in.
@Suite(.serialized) struct BackfillKillResumeTests {
    static let day = "2024-11-05"

    @Test func aBackfillKilledMidwayAndResumedEndsAsAnUninterruptedOne() async throws {
        let root = try SamplePaths.temporaryDirectory("dartcast-backfill-kill")
        let config = root.appendingPathComponent("settings.json")
        try Data(BackfillFixture.settingsJSON.utf8).write(to: config)
        let slice = try BackfillFixture.sliceFile(in: root)
        let killed = root.appendingPathComponent("killed"), reference = root.appendingPathComponent("reference")
        func arguments(_ dataDirectory: URL, _ extra: [String] = []) -> [String] {
            ["backfill", "--product", "hourly", "--from", Self.day, "--to", Self.day, "--config", config.path, "--data-dir", dataDirectory.path] + extra
        }
        for directory in [killed, reference] {
            let ingest = try CLI.run(["ingest", slice.path, "--config", config.path, "--data-dir", directory.path], in: root)
            #expect(ingest.status == 0, "\(ingest.errors.suffix(800))")
        }

        // Uninterrupted, with the progress line on standard error (one line per update: not a terminal).
        let uninterrupted = try CLI.run(arguments(reference), in: root)
        #expect(uninterrupted.status == 0, "\(uninterrupted.errors.suffix(1500))")
        #expect(uninterrupted.output.contains("written 24, skipped 0"))
        #expect(uninterrupted.errors.contains("issue 24/24  refit 1/1 2024-11-01 cutoff 2024-11-01T05:05:00Z"))

        // Killed once two issue times are recorded succeeded, then resumed (quietly). The poll blocks
        // its thread rather than sleeping on the test pool, so it is not delayed by other tests' work.
        let child = try CLI.start(arguments(killed), in: root).process
        let runStore = try RunStore(directory: killed)
        let deadline = Date().addingTimeInterval(600)
        while try runStore.runs(job: Backfill.job, status: .succeeded).count < 2, child.isRunning, Date() < deadline {
            usleep(5_000)
        }
        #expect(child.isRunning, "the backfill finished before it could be killed")
        kill(child.processIdentifier, SIGKILL)
        child.waitUntilExit()
        let doneBeforeKill = try runStore.runs(job: Backfill.job, status: .succeeded).count
        #expect(doneBeforeKill >= 2 && doneBeforeKill < 24)

        let resumed = try CLI.run(arguments(killed, ["--quiet"]), in: root)
        #expect(resumed.status == 0, "\(resumed.errors.suffix(1500))")
        // An issue time whose publish step had finished when the kill came counts as done too.
        let skipped = try #require(Int(resumed.output.firstMatch(of: /skipped (\d+) \(/)?.1 ?? ""))
        #expect(skipped >= doneBeforeKill && resumed.output.contains("written \(24 - skipped), skipped \(skipped) (\(skipped) done by an earlier backfill"))
        #expect(resumed.output.contains("trained 0, reused 1"), "the resumed backfill must not retrain: \(resumed.output)")
        #expect(!resumed.errors.contains("issue "), "--quiet prints no progress")

        // Same final outputs: partitions and SQL rows (models compared by their files' digests).
        let killedWorkspace = try workspace(killed), referenceWorkspace = try workspace(reference)
        let issues = referenceWorkspace.rules.issueTimes(.hourly, from: OperatingDay(Self.day)!, through: OperatingDay(Self.day)!)
        #expect(issues.count == 24)
        let killedPartitions = try await BackfillFixture.partitions(killedWorkspace, product: .hourly, issues: issues)
        let referencePartitions = try await BackfillFixture.partitions(referenceWorkspace, product: .hourly, issues: issues)
        var partitionRows = 0
        for issue in issues {
            let expected = try #require(referencePartitions[issue] ?? nil), actual = try #require(killedPartitions[issue] ?? nil)
            partitionRows += expected.count
            #expect(!expected.isEmpty && actual.allSatisfy { $0.origin == .backfill } && expected.allSatisfy { $0.origin == .backfill })
            #expect(try BackfillFixture.normalized(actual, in: killedWorkspace) == BackfillFixture.normalized(expected, in: referenceWorkspace))
        }
        let referenceSQL = try BackfillFixture.sqlRows(referenceWorkspace)
        #expect(referenceSQL.count == partitionRows)
        #expect(try BackfillFixture.normalized(BackfillFixture.sqlRows(killedWorkspace), in: killedWorkspace)
                == BackfillFixture.normalized(referenceSQL, in: referenceWorkspace))
        let records = try runStore.runs(job: Backfill.job, limit: 1000)
        let published = records.filter { $0.steps.contains { $0.name == "publish" && $0.status == .succeeded } }
        #expect(Set(published.map(\.slotUTC)) == Set(issues))
        #expect(records.filter { $0.status == .running }.isEmpty)

        // A second call on the finished range: nothing written, no run recorded.
        let recordsBefore = try RunStore(directory: reference).runs(limit: 1000).count
        let again = try CLI.run(arguments(reference), in: root)
        #expect(again.status == 0 && again.output.contains("written 0, skipped 24 (24 done by an earlier backfill"))
        #expect(try RunStore(directory: reference).runs(limit: 1000).count == recordsBefore)
        #expect(try BackfillFixture.sqlRows(referenceWorkspace) == referenceSQL)
    }

    private func workspace(_ dataDirectory: URL) throws -> Workspace {
        let loaded = try #require(SettingsLoader.check(json: BackfillFixture.settingsJSON, environment: [:]).loaded)
        return try Workspace(loaded: loaded, dataDirectory: dataDirectory, logger: Logger(label: "dartcast.tests.backfill"))
    }
}

/// The dartcast binary of this build as a child process (`.build/debug/dartcast`, beside the test bundle).
enum CLI {
    static var binary: URL {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("dartcast")
        return FileManager.default.isExecutableFile(atPath: beside.path) ? beside : SamplePaths.repositoryRoot.appendingPathComponent(".build/debug/dartcast")
    }

    /// Starts the binary in `directory`; standard output and error go to the returned files.
    static func start(_ arguments: [String], in directory: URL) throws -> (process: Process, output: URL, errors: URL) {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.environment = ProcessInfo.processInfo.environment.merging(["OMP_NUM_THREADS": "1", "OMP_WAIT_POLICY": "passive"]) { $1 }
        let name = UUID().uuidString
        let output = directory.appendingPathComponent("\(name).out"), errors = directory.appendingPathComponent("\(name).err")
        for url in [output, errors] { _ = FileManager.default.createFile(atPath: url.path, contents: nil) }
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = try FileHandle(forWritingTo: errors)
        try process.run()
        return (process, output, errors)
    }

    /// Runs the binary to completion; `output` and `errors` are its standard output and error.
    static func run(_ arguments: [String], in directory: URL) throws -> (status: Int32, output: String, errors: String) {
        let (process, output, errors) = try start(arguments, in: directory)
        process.waitUntilExit()
        let text = { (url: URL) in (try? String(contentsOf: url, encoding: .utf8)) ?? "" }
        return (process.terminationStatus, text(output), text(errors))
    }
}
