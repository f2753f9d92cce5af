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
}
