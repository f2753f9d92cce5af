import DartPostgres
import DartCore
import Foundation
import Logging
import PostgresNIO

/// Predictions in a PostgreSQL table (default `ercot.predictions_dart_spread`), typed columns,
/// keyed like the SQLite sink. Each `upsert` opens one connection and, in one transaction (all
/// or nothing), creates the schema and table if missing and upserts all rows in chunks of
/// `rowsPerStatement` rows per `INSERT … SELECT FROM UNNEST(arrays) ON CONFLICT DO UPDATE`.
public struct PostgresPredictionSink: PredictionTableSink {
    public let settings: PostgresConnectionSettings
    public let table: SQLTableName
    /// Rows bound per statement (as arrays). Default 5,000.
    public let rowsPerStatement: Int
    private let session: PostgresSession

    /// - Parameters:
    ///   - connection: from `PostgresConnectionSettings(dsn:)` with the DSN the caller read from the environment.
    ///   - schema, table: validated by `SQLTableName`; throws `SQLSinkError(.invalidTableName)`.
    ///   - deadlineSeconds: bound on one whole `upsert` (connect, DDL, all chunks, commit). Default 300.
    ///   - logger: receives postgres-nio's connection logs and ours.
    ///   - clock: measures the deadline.
    public init(connection: PostgresConnectionSettings, schema: String = "ercot", table: String = "predictions_dart_spread",
                rowsPerStatement: Int = 5_000, deadlineSeconds: Double = 300, logger: Logger,
                clock: any Clock<Duration> = ContinuousClock()) throws {
        precondition(rowsPerStatement > 0, "rowsPerStatement must be positive")
        self.settings = connection
        self.table = try SQLTableName(schema: schema, table: table)
        self.rowsPerStatement = rowsPerStatement
        session = PostgresSession(settings: connection, deadlineSeconds: deadlineSeconds, logger: logger, clock: clock)
    }

    /// `postgres://host:port/database#schema.table`: no user, no password.
    public var displayName: String { "postgres://\(settings.endpoint)/\(settings.database)#\(table)" }

    public func upsert(rows: [ForecastRow], runID: String, createdAtUTC: Int64) async throws -> Int {
        try Self.rejectDuplicateKeys(rows)
        let table = table
        let chunkSize = rowsPerStatement
        let createdAt = Date(timeIntervalSince1970: TimeInterval(createdAtUTC))
        let logger = session.logger
        try await session.run { connection in
            try await connection.query("BEGIN", logger: logger)
            do {
                try await Self.ensureTable(table, on: connection, logger: logger)
                var start = rows.startIndex
                while start < rows.endIndex {
                    let end = min(start + chunkSize, rows.endIndex)
                    let columns = PostgresPredictionColumns(rows[start..<end])
                    try await connection.query(PostgresPredictionStatements.deleteOtherVersions(table, columns), logger: logger)
                    try await connection.query(PostgresPredictionStatements.upsert(table, columns, runID: runID, createdAt: createdAt), logger: logger)
                    start = end
                }
                try await connection.query("COMMIT", logger: logger)
            } catch {
                // The server discards the transaction when the connection drops; ROLLBACK covers a live one.
                // (A query written to a closed postgres-nio connection may never complete, so skip it then.)
                if !connection.isClosed { _ = try? await connection.query("ROLLBACK", logger: logger) }
                throw error
            }
        }
        logger.debug("upserted predictions", metadata: ["sink": "\(displayName)", "rows": "\(rows.count)", "run_id": "\(runID)"])
        return rows.count
    }

    public func rowCount() async throws -> Int {
        let table = table
        let logger = session.logger
        return try await session.run { connection in
            guard try await Self.tableExists(table, on: connection, logger: logger) else { return 0 }
            for try await count in try await connection.query(PostgresPredictionStatements.count(table), logger: logger).decode(Int64.self) {
                return Int(count)
            }
            return 0
        }
    }

    static func tableExists(_ table: SQLTableName, on connection: PostgresConnection, logger: Logger) async throws -> Bool {
        for try await exists in try await connection.query(PostgresPredictionStatements.tableExists(table), logger: logger).decode(Bool.self) {
            return exists
        }
        return false
    }

    /// Creates schema and table only when the table is missing, so a writer without CREATE rights works on an existing table.
    /// A table from before the `origin` column gets it (ALTER rights needed once; a migrated table needs none).
    static func ensureTable(_ table: SQLTableName, on connection: PostgresConnection, logger: Logger) async throws {
        guard try await !tableExists(table, on: connection, logger: logger) else {
            try await addMissingFeaturesColumn(table, on: connection, logger: logger)
            var hasOrigin = false
            for try await exists in try await connection.query(PostgresPredictionStatements.originColumnExists(table), logger: logger)
                .decode(Bool.self) { hasOrigin = exists }
            if !hasOrigin { try await connection.query(PostgresPredictionStatements.addOriginColumn(table), logger: logger) }
            return
        }
        if let schema = table.schema { try await connection.query(PostgresPredictionStatements.createSchema(schema), logger: logger) }
        try await connection.query(PostgresPredictionStatements.createTable(table), logger: logger)
    }

    /// Adds `missing_features` to a table created before the column existed (only then: ALTER needs the owner's rights).
    static func addMissingFeaturesColumn(_ table: SQLTableName, on connection: PostgresConnection, logger: Logger) async throws {
        for try await exists in try await connection.query(PostgresPredictionStatements.hasMissingFeaturesColumn(table), logger: logger)
            .decode(Bool.self) where !exists {
            try await connection.query(PostgresPredictionStatements.addMissingFeaturesColumn(table), logger: logger)
        }
    }

    /// Two rows with one key in a call is an upstream bug (e.g. the repeated fall-back hour keyed
    /// without its UTC instant); PostgreSQL would reject it within a statement but not across chunks.
    static func rejectDuplicateKeys(_ rows: [ForecastRow]) throws {
        struct Key: Hashable {
            let issue: Int64, target: Int64
            let point: String, family: String, version: String
        }
        var seen = [Key: Int](minimumCapacity: rows.count)
        for (index, row) in rows.enumerated() {
            let key = Key(issue: row.issueTimeUTC.utc, target: row.targetHourUTC, point: row.settlementPoint,
                          family: row.modelFamily, version: row.modelVersion)
            if let first = seen.updateValue(index, forKey: key) {
                throw SQLSinkError(.write, "rows \(first) and \(index) have the same key (issue \(row.issueTimeUTC), target \(UTCFormat.iso8601(row.targetHourUTC)), \(row.settlementPoint), \(row.modelFamily) \(row.modelVersion)); each forecast row must be unique per call, nothing was written")
            }
        }
    }
}
