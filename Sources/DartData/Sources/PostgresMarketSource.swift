import DartConfig
import DartCore
import DartPostgres
import Foundation
import Logging
import PostgresNIO

/// Reads DAM, RT and forecast rows from existing PostgreSQL tables (`sources.postgres`) into
/// the market store, incrementally: each run asks only for hours at or after the last
/// ingested hour of each point (forecasts: postings at or after the last ingested posting),
/// never for the whole history. Rows are stored with the same upsert as file ingest.
///
/// One connection per ingest (not a pool): a pool keeps retrying a server that is down, while
/// one connect fails within `connect_timeout` and the run records why.
public struct PostgresMarketSource: Sendable {
    public let settings: PostgresSourceSettings
    public let connection: PostgresConnectionSettings
    public let points: [SettlementPoint]
    public let zone: MarketTimeZone
    let logger: Logger

    /// What one source table gave.
    public struct TableReport: Sendable, Hashable {
        /// `dam`, `rt` or `forecasts`.
        public var name: String
        public var table: String
        /// Rows the query returned (incremental: after the first run, only new hours).
        public var rowsRead: Int
        /// Rows with a label that is not a market hour (e.g. HE 3 on a spring-forward day), skipped.
        public var rejected: Int
        public var inserted: Int
        public var updated: Int
        public var unchanged: Int
        /// The SQL sent (values bound separately).
        public var sql: String
    }

    /// - Parameters:
    ///   - dsn: the secret DSN (`sources.postgres.dsn_env`); only its parsed form is kept and it never appears in errors.
    ///   - points: settlement points to read (others in the table are not fetched).
    public init(settings: PostgresSourceSettings, dsn: SecretValue, points: [SettlementPoint], zone: MarketTimeZone, logger: Logger) throws {
        self.settings = settings
        do {
            connection = try PostgresConnectionSettings(dsn: dsn.reveal(), variable: settings.dsnEnv)
        } catch {
            throw SourceError(.configuration, context: "sources.postgres.dsn_env", "\(error)")
        }
        self.points = points
        self.zone = zone
        self.logger = logger
    }

    public func ingest(into store: MarketStore, watermarks: SourceWatermarks) async throws -> [TableReport] {
        let connection = try await connect()
        do {
            var reports: [TableReport] = []
            if let dam = settings.dam {
                reports.append(try await ingestPrices(dam, name: "dam", kind: .dam, on: connection, store: store, watermarks: watermarks))
            }
            if let rt = settings.rt {
                let kind: MarketRows.Kind = settings.rtResolution == .hourly ? .rtHourly : .rtInterval
                reports.append(try await ingestPrices(rt, name: "rt", kind: kind, on: connection, store: store, watermarks: watermarks))
            }
            if let forecasts = settings.forecasts {
                reports.append(try await ingestForecasts(forecasts, on: connection, store: store, watermarks: watermarks))
            }
            try? await connection.close()
            return reports
        } catch {
            try? await connection.close()
            throw error
        }
    }

    func ingestPrices(_ mapping: SourceTableMapping, name: String, kind: MarketRows.Kind, on connection: PostgresConnection,
                      store: MarketStore, watermarks: SourceWatermarks) async throws -> TableReport {
        let key = "sources.postgres.\(name)"
        let source = "\(name):\(mapping.table)"
        let marks = try watermarks.marks(source: source)
        let query = try SourceQueries.prices(mapping, settingsKey: key, hourField: kind == .dam ? "hour_ending" : "delivery_hour",
                                             intervalField: kind == .rtInterval ? "delivery_interval" : nil,
                                             points: points.map(\.name), marks: marks)
        var rows = MarketRows(kind: kind)
        var newMarks: [String: SourceWatermarks.Mark] = [:]
        var read = 0, rejected = 0
        let result = try await run(query, on: connection, context: key)
        for try await (pointName, dayText, hourEnding, flag, interval, price) in result.decode((String, String, Int, String?, Int?, Double).self) {
            read += 1
            guard let point = SettlementPoint(pointName), let hour = marketHour(dayText, hourEnding, flag),
                  (1...4).contains(interval ?? 1) else { rejected += 1; continue }
            let start = hour.utcStart + (kind == .rtInterval ? Int64((interval ?? 1) - 1) * 900 : 0)
            rows.appendPrice(point: point, startUTC: start, price: price)
            if hour.utcStart > newMarks[pointName]?.utc ?? .min {
                newMarks[pointName] = .init(operatingDay: hour.operatingDay.description, hourEnding: hour.hourEnding, utc: hour.utcStart)
            }
        }
        return try finish(rows, name: name, mapping: mapping, source: source, read: read, rejected: rejected, sql: query.sql,
                          store: store, watermarks: watermarks, marks: newMarks)
    }

    func ingestForecasts(_ mapping: SourceTableMapping, on connection: PostgresConnection, store: MarketStore,
                         watermarks: SourceWatermarks) async throws -> TableReport {
        let key = "sources.postgres.forecasts"
        let source = "forecasts:\(mapping.table)"
        let since = try watermarks.marks(source: source)["*"]?.utc
        let query = try SourceQueries.forecasts(mapping, settingsKey: key, postedSinceUTC: since)
        var rows = MarketRows(kind: .exogenous)
        var latest: SourceWatermarks.Mark?
        var read = 0, rejected = 0
        let result = try await run(query, on: connection, context: key)
        for try await (posted, dayText, hourEnding, flag, wind, solar, load) in result.decode((Double, String, Int, String?, Double?, Double?, Double?).self) {
            read += 1
            guard let hour = marketHour(dayText, hourEnding, flag) else { rejected += 1; continue }
            let postedUTC = Int64(posted.rounded(.down))
            for (series, value) in [(Self.windSeries, wind), (Self.solarSeries, solar), (Self.loadSeries, load)] {
                if let value { rows.appendPosting(series: series, targetUTC: hour.utcStart, postedAtUTC: postedUTC, value: value) }
            }
            if postedUTC > latest?.utc ?? .min {
                latest = .init(operatingDay: hour.operatingDay.description, hourEnding: hour.hourEnding, utc: postedUTC)
            }
        }
        return try finish(rows, name: "forecasts", mapping: mapping, source: source, read: read, rejected: rejected, sql: query.sql,
                          store: store, watermarks: watermarks, marks: latest.map { ["*": $0] } ?? [:])
    }

    /// Series names the forecast columns are stored under (the names feature building reads).
    public static let windSeries = "wind_stwpf"
    public static let solarSeries = "solar_stppf"
    public static let loadSeries = "load_forecast"

    /// Stores the rows, then moves the watermarks (only after the store committed).
    private func finish(_ rows: MarketRows, name: String, mapping: SourceTableMapping, source: String, read: Int, rejected: Int,
                        sql: String, store: MarketStore, watermarks: SourceWatermarks,
                        marks: [String: SourceWatermarks.Mark]) throws -> TableReport {
        var report = TableReport(name: name, table: mapping.table, rowsRead: read, rejected: rejected, inserted: 0, updated: 0,
                                 unchanged: 0, sql: sql)
        if rows.count > 0 {
            let stored = try store.ingest(rows, source: "postgres:\(mapping.table)")
            report.inserted = stored.inserted
            report.updated = stored.updated
            report.unchanged = stored.unchanged
        }
        try watermarks.advance(source: source, to: marks)
        if rejected > 0 {
            logger.warning("source rows skipped: their day/hour label is not a market hour", metadata: [
                "table": "\(mapping.table)", "rejected": "\(rejected)"])
        }
        return report
    }

    private func marketHour(_ dayText: String, _ hourEnding: Int, _ flag: String?) -> MarketHour? {
        guard let day = OperatingDay(dayText.prefix(10)), let repeated = HourEndingLabel.parseRepeatedFlag(flag ?? "") else { return nil }
        return try? zone.marketHour(day: day, hourEnding: hourEnding, isRepeatedHour: repeated)
    }

    private func connect() async throws -> PostgresConnection {
        let configuration: PostgresConnection.Configuration
        do {
            configuration = try connection.connectionConfiguration()
        } catch {
            throw SourceError(.configuration, context: "sources.postgres.dsn_env", "\(error)")
        }
        do {
            return try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
        } catch {
            throw SourceError(.unreachable, context: "sources.postgres",
                              "cannot connect to PostgreSQL at \(connection.endpoint) as \(connection.user): \(describe(error)); check that the server runs and the DSN in $\(settings.dsnEnv)")
        }
    }

    private func run(_ query: SourceQuery, on postgres: PostgresConnection, context: String) async throws -> PostgresRowSequence {
        do {
            return try await postgres.query(query.postgresQuery, logger: logger)
        } catch {
            throw SourceError(.query, context: context, "query failed: \(describe(error)); check the table and column names and types (see docs/pipeline.md)")
        }
    }

    /// The server's message (PSQLError's own description hides it), with the password redacted.
    private func describe(_ error: any Error) -> String {
        if let error = error as? PSQLError {
            let message = error.serverInfo?[.message] ?? ("\(error.code)" + (error.underlying.map { ": \($0)" } ?? ""))
            let state = error.serverInfo?[.sqlState].map { " (SQLSTATE \($0))" } ?? ""
            return connection.redacting(message + state)
        }
        return connection.redacting("\(error)")
    }
}
