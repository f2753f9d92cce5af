import DartCore
import DartData
import DartTesting
import Foundation
import Logging
import Testing

/// Two `dartcast ingest` processes into one data directory: the second waits for the first's
/// write lock instead of failing with "database is locked", and the store ends as after one.
@Suite(.serialized) struct ConcurrentIngestTests {
    @Test func twoIngestsAtOnceBothSucceedAndStoreEachRowOnce() throws {
        let root = try SamplePaths.temporaryDirectory("dartcast-concurrent-ingest")
        let config = try emptySettings(in: root)
        let data = root.appendingPathComponent("data")
        for (status, text) in try Self.ingestAtOnce(2, file: SamplePaths.dartHourly15, config: config, data: data) {
            #expect(status == 0, "stderr: \(text.suffix(1500))")
            #expect(!text.contains("database is locked"))
        }
        // The same as one ingest on its own.
        let reference = root.appendingPathComponent("reference")
        let single = try runDartcast(["ingest", SamplePaths.dartHourly15.path, "--config", config.path, "--data-dir", reference.path])
        #expect(single.status == 0)
        func summary(_ directory: URL) throws -> [String] {
            try MarketStore(directory: directory, logger: Logger(label: "test"), zone: .ercot).status().map {
                "\($0.point.name) \($0.firstHourUTC) \($0.lastHourUTC) \($0.completeHours) \($0.gaps.count)"
            }
        }
        let stored = try summary(data)
        #expect(stored.count == 15)
        #expect(stored == (try summary(reference)))
    }

    /// Four processes creating one new store at once: each must wait for the schema instead of
    /// applying it a second time ("table ingest_file already exists", about 1 process in 40
    /// before the schema lock; `FileLock.schemaLockURL`).
    @Test func ingestsCreatingANewStoreAtOnceApplyTheSchemaOnce() throws {
        let root = try SamplePaths.temporaryDirectory("dartcast-concurrent-schema")
        let config = try emptySettings(in: root)
        for trial in 0..<12 {
            let data = root.appendingPathComponent("data-\(trial)")
            for (status, text) in try Self.ingestAtOnce(4, file: SamplePaths.windSolarForecasts2024, config: config, data: data) {
                #expect(status == 0, "trial \(trial): \(text.suffix(600))")
            }
        }
    }

    /// Starts `count` `dartcast ingest FILE` processes into `data` together; their exit statuses and stderr.
    static func ingestAtOnce(_ count: Int, file: URL, config: URL, data: URL) throws -> [(status: Int32, stderr: String)] {
        let processes = try (0..<count).map { _ -> (Process, Pipe) in
            let process = Process()
            process.executableURL = ServeProcess.binary
            process.arguments = ["ingest", file.path, "--config", config.path, "--data-dir", data.path]
            let errors = Pipe()
            process.standardOutput = FileHandle.nullDevice
            process.standardError = errors
            try process.run()
            return (process, errors)
        }
        return processes.map { process, errors in
            let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            return (process.terminationStatus, text)
        }
    }
}
