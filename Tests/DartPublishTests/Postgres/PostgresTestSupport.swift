import DartPostgres
import DartCore
import DartTesting
import Foundation
import Logging
import PostgresNIO
@testable import DartPublish

/// Connections, fresh names and rows for the PostgreSQL sink tests.
enum PostgresTestSupport {
    static let logger = Logger(label: "dartcast.tests.postgres")

    static func settings(_ service: TestServices.Postgres, password: String? = nil, port: Int? = nil) -> PostgresConnectionSettings {
        PostgresConnectionSettings(host: service.host, port: port ?? service.port, user: service.user,
                                   password: password ?? service.password, database: service.database, tlsMode: .disable,
                                   connectTimeoutSeconds: 3)
    }

    /// A schema name no other test uses, so tests never see each other's rows.
    static func freshSchema() -> String { "dart_test_" + UUID().uuidString.prefix(8).lowercased() }

    /// Runs `body` on a separate connection (not the sink's), for checks.
    static func withConnection<T: Sendable>(_ service: TestServices.Postgres,
                                            _ body: @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        let connection = try await PostgresConnection.connect(
            configuration: PostgresSession(settings: settings(service), deadlineSeconds: 30, logger: logger, clock: ContinuousClock()).makeConfiguration(),
            id: 99, logger: logger)
        do {
            let value = try await body(connection)
            try await connection.close()
            return value
        } catch {
            try? await connection.close()
            throw error
        }
    }

    static func strings(_ query: PostgresQuery, on connection: PostgresConnection) async throws -> [String] {
        var values: [String] = []
        for try await value in try await connection.query(query, logger: logger).decode(String.self) { values.append(value) }
        return values
    }

    /// `n` rows per hour of the fall-back day 2024-11-03 (25 hours), points `P0000`…, issued 05:00 CDT the day before.
    static func rows(points: Int, offset: Double = 0) -> [ForecastRow] {
        let zone = MarketTimeZone.ercot
        let issue = UTCFormat.parse("2024-11-02T10:00:00Z")!
        let names = (0..<points).map { String(format: "P%04d", $0) }
        return zone.hours(of: OperatingDay(year: 2024, month: 11, day: 3)!).flatMap { hour in
            names.map { point in
                ForecastRow(issueTimeUTC: IssueTime(utc: issue), targetHourUTC: hour.utcStart, operatingDay: hour.operatingDay,
                            hourEnding: hour.hourEnding, isRepeatedHour: hour.isRepeatedHour, settlementPoint: point,
                            product: "dayahead", modelFamily: "lightgbm", modelVersion: "v1",
                            prediction: Double(hour.hourEnding) + offset, p10: -1, p50: Double(hour.hourEnding) + offset, p90: nil)
            }
        }
    }
}

extension PostgresTestSupport {
    /// Runs `pg_ctl <verb>` as the postgres user (`TestServices.Postgres.control`).
    static func pgControl(_ service: TestServices.Postgres, _ verb: String) throws -> (status: Int32, output: String) {
        try service.control(verb)
    }
}
