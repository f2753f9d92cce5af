import DartConfig
import DartCore
import Foundation
import Logging

/// `sources.postgres` as a market source. The source is built at each fetch (the DSN is read
/// then, so fixing `.env` takes effect on the next run); watermarks live in
/// `<data-dir>/sources.sqlite`.
public struct ConfiguredPostgresSource: MarketSource {
    let dataDirectory: URL
    let makeSource: @Sendable () throws -> PostgresMarketSource

    /// - Parameter secrets: where `settings.dsn_env` is looked up.
    public init(settings: PostgresSourceSettings, secrets: Secrets, points: [SettlementPoint], zone: MarketTimeZone,
                dataDirectory: URL, logger: Logger) {
        self.dataDirectory = dataDirectory
        makeSource = {
            guard let dsn = secrets.value(forEnvironmentVariable: settings.dsnEnv) else {
                throw SourceError(.configuration, context: "sources.postgres.dsn_env",
                                  "the environment variable \(settings.dsnEnv) is not set; set it or put it in .env")
            }
            return try PostgresMarketSource(settings: settings, dsn: dsn, points: points, zone: zone, logger: logger)
        }
    }

    public var name: String { "postgres" }

    public func fetch(into store: MarketStore) async throws -> MarketSourceReport {
        let source = try makeSource()
        var report = MarketSourceReport()
        for table in try await source.ingest(into: store, watermarks: try SourceWatermarks(directory: dataDirectory)) {
            report.detail["\(table.name)_rows_read"] = "\(table.rowsRead)"
            report.rowsRead += table.rowsRead
            report.rowsStored += table.inserted + table.updated
        }
        return report
    }
}
