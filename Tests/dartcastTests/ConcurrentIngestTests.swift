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
        let processes = try (0..<2).map { index -> (Process, Pipe) in
            let process = Process()
            process.executableURL = ServeProcess.binary
            process.arguments = ["ingest", SamplePaths.dartHourly15.path, "--config", config.path, "--data-dir", data.path]
            let errors = Pipe()
            process.standardOutput = FileHandle.nullDevice
            process.standardError = errors
            try process.run()
            return (process, errors)
        }
        for (process, errors) in processes {
            let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "stderr: \(text.suffix(1500))")
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
}
