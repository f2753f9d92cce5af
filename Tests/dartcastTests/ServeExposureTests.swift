import DartTesting
import Foundation
import Testing

/// `serve` on a non-loopback address without an API token says so at start; on loopback it does not.
@Suite(.serialized) struct ServeExposureTests {
    func startupErrors(host: String) async throws -> String {
        let root = try SamplePaths.temporaryDirectory("dartcast-serve-exposure")
        let config = root.appendingPathComponent("settings.json")
        try Data("""
            {"scheduling": {"jobs": {"daily_retrain": {"enabled": false}, "hourly_predict": {"enabled": false}}},
             "server": {"drain_timeout_seconds": 2}}
            """.utf8).write(to: config)
        var environment = ["OMP_WAIT_POLICY": "passive", "DARTCAST_API_TOKEN": ""]
        environment["DARTCAST_DATA_DIR"] = root.appendingPathComponent("data").path
        let server = try ServeProcess(arguments: ["serve", "--host", host, "--port", "0", "--config", config.path,
                                                  "--data-dir", root.appendingPathComponent("data").path],
                                      environment: environment, logDirectory: root, label: host)
        defer { server.stop() }
        _ = try await server.waitForAddress(timeout: .seconds(60))
        server.terminate()
        _ = try await server.waitForExit(timeout: .seconds(30))
        return server.errors
    }

    @Test func allInterfacesWithoutATokenWarns() async throws {
        #expect(try await startupErrors(host: "0.0.0.0").contains("without an API token: anyone who can reach this port"))
    }

    @Test func loopbackWithoutATokenDoesNotWarn() async throws {
        #expect(!(try await startupErrors(host: "127.0.0.1")).contains("without an API token: anyone who can reach this port"))
    }
}
