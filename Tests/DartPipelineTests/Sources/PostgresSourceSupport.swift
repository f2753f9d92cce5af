import DartCore
import DartTesting
import Foundation
import Logging
import PostgresNIO

/// Source tables in the test PostgreSQL, filled from the bundled sample slice.
struct PostgresSourceTables {
    let service: PostgresEndpoint
    /// A schema no other test uses.
    let schema = "pipe_" + UUID().uuidString.prefix(8).lowercased()
    static let logger = Logger(label: "dartcast.tests.postgres-source")

    /// A DSN for the settings' `*_dsn_env` variables.
    var dsn: String {
        let password = service.password.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? service.password
        return "postgres://\(service.user)\(password.isEmpty ? "" : ":" + password)@\(service.host):\(service.port)/\(service.database)?sslmode=disable&connect_timeout=3"
    }

    func execute(_ sql: String, binds: PostgresBindings = PostgresBindings()) async throws {
        try await withConnection { connection in
            _ = try await connection.query(PostgresQuery(unsafeSQL: sql, binds: binds), logger: Self.logger)
        }
    }

    func count(_ sql: String) async throws -> Int {
        try await withConnection { connection in
            for try await value in try await connection.query(PostgresQuery(unsafeSQL: sql), logger: Self.logger).decode(Int64.self) {
                return Int(value)
            }
            return 0
        }
    }

    func withConnection<T: Sendable>(_ body: @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        let configuration = PostgresConnection.Configuration(host: service.host, port: service.port, username: service.user,
                                                             password: service.password, database: service.database, tls: .disable)
        let connection = try await PostgresConnection.connect(configuration: configuration, id: 7, logger: Self.logger)
        do {
            let value = try await body(connection)
            try await connection.close()
            return value
        } catch {
            try? await connection.close()
            throw error
        }
    }

    /// `<schema>.dam_prices (oper_day, he, dst, node, spp)` (names differ from the defaults, to
    /// exercise the column mapping) and `<schema>.rt_hourly` with the default names.
    func create() async throws {
        try await execute("CREATE SCHEMA \(schema)")
        try await execute("CREATE TABLE \(schema).dam_prices (oper_day date, he integer, dst text, node text, spp double precision)")
        try await execute("""
            CREATE TABLE \(schema).rt_hourly (delivery_date date, hour_ending integer, dst_flag text, settlement_point text,
                                             price double precision)
            """)
    }

    /// Inserts the slice's tidy rows (`delivery_date,hour_ending,dst_flag,timestamp_utc,settlement_point,dam,rtm,dart`).
    /// - Returns: rows inserted into each table.
    @discardableResult
    func insert(_ lines: [Substring]) async throws -> Int {
        var days: [String] = [], hours: [Int] = [], flags: [String] = [], points: [String] = [], dam: [Double] = [], rtm: [Double] = []
        for line in lines where !line.hasPrefix("delivery_date") {
            let f = line.split(separator: ",", omittingEmptySubsequences: false)
            guard f.count >= 7, let he = Int(f[1]), let d = Double(f[5]), let r = Double(f[6]) else { continue }
            days.append(String(f[0])); hours.append(he); flags.append(String(f[2])); points.append(String(f[4]))
            dam.append(d); rtm.append(r)
        }
        for (table, values) in [("dam_prices", dam), ("rt_hourly", rtm)] {
            var binds = PostgresBindings()
            binds.append(days); binds.append(hours); binds.append(flags); binds.append(points); binds.append(values)
            try await execute("INSERT INTO \(schema).\(table) SELECT * FROM UNNEST($1::text[]::date[], $2::int[], $3::text[], $4::text[], $5::float8[])",
                              binds: binds)
        }
        return days.count
    }

    /// `sources.postgres` settings reading both tables (hourly RT).
    func sourceSettingsJSON(dsnEnv: String) -> String {
        """
        "sources": {"postgres": {
          "dsn_env": "\(dsnEnv)",
          "dam": {"table": "\(schema).dam_prices",
                  "columns": {"delivery_date": "oper_day", "hour_ending": "he", "dst_flag": "dst", "settlement_point": "node", "price": "spp"}},
          "rt": {"table": "\(schema).rt_hourly", "columns": {"delivery_hour": "hour_ending"}},
          "rt_resolution": "hourly"
        }}
        """
    }
}
