import DartTesting
import Foundation
import Testing

/// `storage.market_store.sqlite_path` is where every command keeps the market store, and the
/// section refuses the PostgreSQL keys nothing ever read.
@Suite struct MarketStorePathTests {
    @Test func ingestAndDataStatusUseTheConfiguredFile() throws {
        let root = try SamplePaths.temporaryDirectory("dartcast-market-store-path")
        let config = root.appendingPathComponent("settings.json")
        try Data(#"{"storage": {"market_store": {"sqlite_path": "stores/prices.sqlite"}}}"#.utf8).write(to: config)
        let data = root.appendingPathComponent("data")
        let ingest = try runDartcast(["ingest", SamplePaths.damHourly5Hubs.path, "--config", config.path, "--data-dir", data.path])
        #expect(ingest.status == 0, "stderr: \(ingest.errors.suffix(1500))")
        #expect(FileManager.default.fileExists(atPath: data.appendingPathComponent("stores/prices.sqlite").path))
        #expect(!FileManager.default.fileExists(atPath: data.appendingPathComponent("market.sqlite").path))

        let status = try runDartcast(["data", "status", "--config", config.path, "--data-dir", data.path])
        #expect(status.status == 0, "stderr: \(status.errors.suffix(1500))")
        #expect(status.output.split(separator: "\n").contains { $0.hasPrefix("HB_HOUSTON ") })
    }

    @Test(arguments: [#""backend": "postgres""#, #""dsn_env": "MARKET_DSN""#])
    func thePostgresKeysAreRefusedByName(member: String) throws {
        let root = try SamplePaths.temporaryDirectory("dartcast-market-store-backend")
        let config = root.appendingPathComponent("settings.json")
        try Data(#"{"storage": {"market_store": {\#(member)}}}"#.utf8).write(to: config)
        let data = root.appendingPathComponent("data")
        let ingest = try runDartcast(["ingest", SamplePaths.damHourly5Hubs.path, "--config", config.path, "--data-dir", data.path])
        let key = "storage.market_store." + member.split(separator: "\"")[0]
        #expect(ingest.status != 0)
        #expect(ingest.errors.contains("\(key): unknown key. Keys allowed here: sqlite_path."), "stderr: \(ingest.errors)")
        #expect(!FileManager.default.fileExists(atPath: data.appendingPathComponent("market.sqlite").path))
    }

    /// A command that only reads the store refuses a data directory without one (most often a
    /// mistyped --data-dir) instead of creating an empty store there.
    @Test(arguments: [["data", "status"], ["backtest", "--from", "2025-01-01", "--to", "2025-01-31"], ["tune", "--cutoff", "2025-01-01T11:00:00Z"]])
    func readingCommandsRefuseADataDirectoryWithoutAStore(command: [String]) throws {
        let root = try SamplePaths.temporaryDirectory("dartcast-market-store-missing")
        let typo = root.appendingPathComponent("dartcats-data")
        let result = try runDartcast(command + ["--config", try emptySettings(in: root).path, "--data-dir", typo.path])
        #expect(result.status != 0)
        #expect(result.errors.contains("no market store at \(typo.path)/market.sqlite"), "stderr: \(result.errors)")
        #expect(result.errors.contains("dartcast ingest FILE… --data-dir \(typo.path)"))
        #expect(!FileManager.default.fileExists(atPath: typo.path))
    }
}
