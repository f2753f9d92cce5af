import DartCore
import Foundation
import PostgresNIO

/// The SQL of the PostgreSQL prediction table. Values are always bound parameters; only the
/// validated table name is spliced in.
enum PostgresPredictionStatements {
    static let keyColumns = "issue_time_utc, target_hour_utc, settlement_point, model_family, model_version"

    static func createSchema(_ schema: String) -> PostgresQuery {
        "CREATE SCHEMA IF NOT EXISTS \(unescaped: "\"\(schema)\"")"
    }

    static func createTable(_ table: SQLTableName) -> PostgresQuery {
        """
        CREATE TABLE IF NOT EXISTS \(unescaped: table.qualified) (
            issue_time_utc timestamptz NOT NULL,
            target_hour_utc timestamptz NOT NULL,
            operating_day date NOT NULL,
            hour_ending smallint NOT NULL,
            dst_flag char(1) NOT NULL,
            settlement_point text NOT NULL,
            product text NOT NULL,
            model_family text NOT NULL,
            model_version text NOT NULL,
            prediction double precision NOT NULL,
            p10 double precision NULL,
            p50 double precision NULL,
            p90 double precision NULL,
            run_id text NOT NULL,
            created_at timestamptz NOT NULL,
            missing_features integer NULL,
            origin text NOT NULL DEFAULT 'production',
            PRIMARY KEY (\(unescaped: keyColumns))
        )
        """
    }

    /// `regclass` of the table, or NULL when it does not exist (avoids CREATE, which needs privileges a writer may lack).
    static func tableExists(_ table: SQLTableName) -> PostgresQuery {
        "SELECT to_regclass(\(table.qualified)) IS NOT NULL"
    }

    /// Whether the existing table has the `missing_features` column (tables created before it have not).
    static func hasMissingFeaturesColumn(_ table: SQLTableName) -> PostgresQuery {
        """
        SELECT EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass(\(table.qualified))
            AND attname = 'missing_features' AND NOT attisdropped)
        """
    }

    static func addMissingFeaturesColumn(_ table: SQLTableName) -> PostgresQuery {
        "ALTER TABLE \(unescaped: table.qualified) ADD COLUMN IF NOT EXISTS missing_features integer NULL"
    }

    /// Whether the table has the `origin` column (tables created before it lack it).
    static func originColumnExists(_ table: SQLTableName) -> PostgresQuery {
        """
        SELECT EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass(\(table.qualified)) AND attname = 'origin' AND NOT attisdropped)
        """
    }

    /// The migration of a table created before the `origin` column: its rows are `production`.
    static func addOriginColumn(_ table: SQLTableName) -> PostgresQuery {
        "ALTER TABLE \(unescaped: table.qualified) ADD COLUMN IF NOT EXISTS origin text NOT NULL DEFAULT 'production'"
    }

    static func count(_ table: SQLTableName) -> PostgresQuery {
        "SELECT count(*)::int8 FROM \(unescaped: table.qualified)"
    }

    /// Deletes the rows of the chunk's (issue, target, point, family) under another model version,
    /// so a re-run that retrained replaces the slot's rows instead of adding a second version.
    static func deleteOtherVersions(_ table: SQLTableName, _ columns: PostgresPredictionColumns) -> PostgresQuery {
        """
        DELETE FROM \(unescaped: table.qualified) AS stored
        USING UNNEST(\(columns.issueTimes)::timestamptz[], \(columns.targetHours)::timestamptz[], \(columns.settlementPoints)::text[],
                     \(columns.modelFamilies)::text[], \(columns.modelVersions)::text[])
            AS input(issue, target, point, family, version)
        WHERE stored.issue_time_utc = input.issue AND stored.target_hour_utc = input.target
            AND stored.settlement_point = input.point AND stored.model_family = input.family AND stored.model_version <> input.version
        """
    }

    /// One statement for a whole chunk: each column travels as one array parameter and UNNEST
    /// turns them back into rows. NaN becomes NULL (as in the SQLite sink), so a NaN prediction
    /// violates NOT NULL and aborts the transaction, while a NaN quantile is stored as NULL.
    static func upsert(_ table: SQLTableName, _ columns: PostgresPredictionColumns, runID: String, createdAt: Date) -> PostgresQuery {
        """
        INSERT INTO \(unescaped: table.qualified) (issue_time_utc, target_hour_utc, operating_day, hour_ending, dst_flag,
            settlement_point, product, model_family, model_version, prediction, p10, p50, p90, run_id, created_at,
            missing_features, origin)
        SELECT issue, target, DATE '1970-01-01' + day, he, flag, point, product, family, version,
            NULLIF(prediction, 'NaN'), NULLIF(p10, 'NaN'), NULLIF(p50, 'NaN'), NULLIF(p90, 'NaN'),
            \(runID), \(createdAt), NULLIF(missing, -1), origin
        FROM UNNEST(\(columns.issueTimes)::timestamptz[], \(columns.targetHours)::timestamptz[], \(columns.operatingDays)::int4[],
                    \(columns.hourEndings)::int2[], \(columns.dstFlags)::text[], \(columns.settlementPoints)::text[],
                    \(columns.products)::text[], \(columns.modelFamilies)::text[], \(columns.modelVersions)::text[],
                    \(columns.predictions)::float8[], \(columns.p10)::float8[], \(columns.p50)::float8[], \(columns.p90)::float8[],
                    \(columns.missingFeatures)::int4[], \(columns.origins)::text[])
            AS input(issue, target, day, he, flag, point, product, family, version, prediction, p10, p50, p90, missing, origin)
        ON CONFLICT (\(unescaped: keyColumns)) DO UPDATE SET
            operating_day = EXCLUDED.operating_day, hour_ending = EXCLUDED.hour_ending, dst_flag = EXCLUDED.dst_flag,
            product = EXCLUDED.product, prediction = EXCLUDED.prediction, p10 = EXCLUDED.p10, p50 = EXCLUDED.p50,
            p90 = EXCLUDED.p90, run_id = EXCLUDED.run_id, created_at = EXCLUDED.created_at,
            missing_features = EXCLUDED.missing_features, origin = EXCLUDED.origin
        """
    }
}

/// A chunk of rows as one array per column (what the UNNEST statement binds). Missing
/// quantiles travel as NaN because postgres-nio arrays cannot hold NULL elements.
struct PostgresPredictionColumns {
    var issueTimes: [Date] = []
    var targetHours: [Date] = []
    var operatingDays: [Int32] = []
    var hourEndings: [Int16] = []
    var dstFlags: [String] = []
    var settlementPoints: [String] = []
    var products: [String] = []
    var modelFamilies: [String] = []
    var modelVersions: [String] = []
    var predictions: [Double] = []
    var p10: [Double] = []
    var p50: [Double] = []
    var p90: [Double] = []
    /// -1 when unknown (arrays cannot hold NULL; the statement turns -1 into NULL).
    var missingFeatures: [Int32] = []
    var origins: [String] = []

    init(_ rows: ArraySlice<ForecastRow>) {
        let count = rows.count
        issueTimes.reserveCapacity(count); targetHours.reserveCapacity(count); operatingDays.reserveCapacity(count)
        hourEndings.reserveCapacity(count); dstFlags.reserveCapacity(count); settlementPoints.reserveCapacity(count)
        products.reserveCapacity(count); modelFamilies.reserveCapacity(count); modelVersions.reserveCapacity(count)
        predictions.reserveCapacity(count); p10.reserveCapacity(count); p50.reserveCapacity(count); p90.reserveCapacity(count)
        origins.reserveCapacity(count)
        for row in rows {
            issueTimes.append(Date(timeIntervalSince1970: TimeInterval(row.issueTimeUTC.utc)))
            targetHours.append(Date(timeIntervalSince1970: TimeInterval(row.targetHourUTC)))
            operatingDays.append(Int32(truncatingIfNeeded: row.operatingDay.daysSinceEpoch))
            hourEndings.append(Int16(truncatingIfNeeded: row.hourEnding))
            dstFlags.append(row.dstFlag)
            settlementPoints.append(row.settlementPoint)
            products.append(row.product)
            modelFamilies.append(row.modelFamily)
            modelVersions.append(row.modelVersion)
            predictions.append(row.prediction)
            p10.append(row.p10 ?? .nan)
            p50.append(row.p50 ?? .nan)
            p90.append(row.p90 ?? .nan)
            missingFeatures.append(Int32(truncatingIfNeeded: row.missingFeatures ?? -1))
            origins.append(row.origin.rawValue)
        }
    }
}
