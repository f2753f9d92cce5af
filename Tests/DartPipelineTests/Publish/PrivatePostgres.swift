import DartTesting
import Foundation

/// A throwaway PostgreSQL cluster for one fault test, built with the same server programs as
/// the shared test service. Stopping it mid-test disturbs no other suite (suites run in
/// parallel and share the service). Trust auth on loopback; `stop()` removes it.
final class PrivatePostgres: @unchecked Sendable {
    let endpoint: PostgresEndpoint
    private let directory: URL
    private let binDirectory: String
    private let port: Int

    init(like shared: TestServices.Postgres) throws {
        binDirectory = shared.binDirectory
        directory = try SamplePaths.temporaryDirectory("private-pg")
        port = try closedLoopbackPort()
        try TestServices.shell("chown postgres '\(directory.path)'")
        let initdb = try TestServices.runAsPostgresUser("\(binDirectory)/initdb -D '\(directory.path)/data' -U dartcast --auth=trust -E UTF8")
        guard initdb.status == 0 else { throw PipelineTestError("initdb failed: \(initdb.output)") }
        endpoint = PostgresEndpoint(host: "127.0.0.1", port: port, user: "dartcast", password: "", database: "postgres")
        let started = control("start -w")
        guard started.status == 0 else { throw PipelineTestError("pg_ctl start failed: \(started.output)") }
    }

    /// `pg_ctl <verb>` for this cluster (`stop -m fast`, `start -w`).
    @discardableResult
    func control(_ verb: String) -> (status: Int32, output: String) {
        let command = "\(binDirectory)/pg_ctl -D '\(directory.path)/data' -o '-k \(directory.path) -h 127.0.0.1 -p \(port) -c fsync=off' -l '\(directory.path)/log' \(verb)"
        return (try? TestServices.runAsPostgresUser(command)) ?? (-1, "could not run pg_ctl")
    }

    /// Stops the server at once and deletes its files.
    func remove() {
        control("stop -m immediate")
        try? FileManager.default.removeItem(at: directory)
    }
}

/// Where a test PostgreSQL listens.
struct PostgresEndpoint: Sendable {
    var host: String
    var port: Int
    var user: String
    var password: String
    var database: String

    init(host: String, port: Int, user: String, password: String, database: String) {
        self.host = host
        self.port = port
        self.user = user
        self.password = password
        self.database = database
    }

    init(_ service: TestServices.Postgres) {
        self.init(host: service.host, port: service.port, user: service.user, password: service.password, database: service.database)
    }
}
