import DartCore
import DartTesting
import Foundation
import Testing

/// Item 9 of "Hardening and finish": bytes overwritten in the middle of a populated
/// `market.sqlite` are found before anything reads the store: `data status` and `run` fail,
/// naming the file, SQLite's quick_check finding and what to do.
@Suite(.serialized) struct StoreCorruptionTests {
    @Test func aDamagedStoreFailsDataStatusAndRunWithTheCauseAndTheFix() throws {
        let root = try SamplePaths.temporaryDirectory("dartcast-corrupt-store")
        let config = try emptySettings(in: root)
        let data = root.appendingPathComponent("data")
        let options = ["--config", config.path, "--data-dir", data.path]
        let ingest = try runDartcast(["ingest", SamplePaths.dartHourly15.path] + options)
        #expect(ingest.status == 0, "stderr: \(ingest.errors.suffix(1500))")
        let healthy = try runDartcast(["data", "status"] + options)
        #expect(healthy.status == 0, "stderr: \(healthy.errors.suffix(1500))")

        // 4 KiB of random bytes at the start of a page in the middle of the file (its size is unchanged).
        let store = data.appendingPathComponent("market.sqlite")
        let size = try #require(try FileManager.default.attributesOfItem(atPath: store.path)[.size] as? Int)
        let pageSize = 16_384
        #expect(size > 8 * pageSize)
        var generator = SplitMix64(seed: 9)
        let noise = Data((0..<4096).map { _ in UInt8(truncatingIfNeeded: generator.next()) })
        let handle = try FileHandle(forWritingTo: store)
        try handle.seek(toOffset: UInt64(size / pageSize / 2 * pageSize))
        try handle.write(contentsOf: noise)
        try handle.close()

        for arguments in [["data", "status"], ["run", "--product", "hourly", "--issue-time", "2025-02-20T12:05:00Z"]] {
            let result = try runDartcast(arguments + options)
            let text = result.output + result.errors
            #expect(result.status != 0, "\(arguments): \(text.suffix(2000))")
            #expect(text.contains(store.path), "\(arguments): \(text.suffix(2000))")
            #expect(text.contains("damaged (PRAGMA quick_check"), "\(arguments): \(text.suffix(2000))")
            #expect(text.contains("restore market.sqlite from a backup") && text.contains("re-ingest"), "\(arguments): \(text.suffix(2000))")
            #expect(!text.contains("free disk space"), "\(arguments): \(text.suffix(2000))")
        }
    }
}
