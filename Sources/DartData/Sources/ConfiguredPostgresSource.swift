import DartConfig
import DartCore
import Foundation
import Logging

/// `sources.postgres` as a market source: the DSN is read from the secrets at each fetch, so
/// fixing `.env` takes effect on the next run; watermarks live in `<data-dir>/source_watermarks.sqlite`.
public struct ConfiguredPostgresSource: MarketSource {
    public let settings: PostgresSourceSettings
    let secrets: Secrets
    let points: [SettlementPoint]
    let zone: MarketTimeZone
    let dataDirectory: URL
    let logger: Logger

    public init(settings: PostgresSourceSettings, secrets: Secrets, points: [SettlementPoint], zone: MarketTimeZone,
                dataDirectory: URL, logger: Logger) {
        self.settings = settings
        self.secrets = secrets
        self.points = points
        self.zone = zone
        self.dataDirectory = dataDirectory
        self.logger = logger
    }

    public var name: String { "postgres" }

    public func fetch(into store: MarketStore) async throws -> MarketSourceReport {
        guard let dsn = secrets.value(forEnvironmentVariable: settings.dsnEnv) else {
            throw SourceError(.configuration, context: "sources.postgres.dsn_env",
                              "the environment variable \(settings.dsnEnv) is not set; set it or put it in .env")
        }
        let source = try PostgresMarketSource(settings: settings, dsn: dsn, points: points, zone: zone, logger: logger)
        var report = MarketSourceReport()
        for table in try await source.ingest(into: store, watermarks: try SourceWatermarks(directory: dataDirectory)) {
            report.detail["\(table.name)_rows_read"] = "\(table.rowsRead)"
            report.rowsRead += table.rowsRead
            report.rowsStored += table.inserted + table.updated
        }
        return report
    }
}
