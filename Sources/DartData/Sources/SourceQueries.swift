import DartConfig
import PostgresNIO

/// The SQL that reads one source table incrementally. Column and table names come from
/// settings (already checked to be plain identifiers; checked again here) and are quoted, so
/// they are used exactly as written. Values are always bound, never spliced.
struct SourceQuery {
    var sql: String
    var binds: PostgresBindings

    var postgresQuery: PostgresQuery { PostgresQuery(unsafeSQL: sql, binds: binds) }
}

enum SourceQueries {
    /// Prices (`dam`, or `rt` at either resolution) of `points`, only hours at or after each
    /// point's watermark; a point without a watermark is read from its first row.
    /// Selected columns: point, day, hour ending, flag, interval (NULL for hourly rows), price.
    /// - Parameters:
    ///   - hourField: `hour_ending` (dam) or `delivery_hour` (rt).
    ///   - intervalField: `delivery_interval` for 15-minute rows, nil for hourly rows.
    static func prices(_ mapping: SourceTableMapping, settingsKey: String, hourField: String, intervalField: String?, points: [String],
                       marks: [String: SourceWatermarks.Mark]) throws -> SourceQuery {
        let c = try columns(mapping, settingsKey: settingsKey)
        let day = try c("delivery_date"), point = try c("settlement_point"), price = try c("price")
        let hour = try c(hourField)
        var selected = ["t.\(point)::text", "t.\(day)::text", "t.\(hour)::int", "t.\(try c("dst_flag"))::text"]
        // A constant NULL keeps one row shape for both resolutions.
        selected.append(try intervalField.map { "t.\(try c($0))::int" } ?? "NULL::int")
        selected.append("t.\(price)::float8")
        let marked = points.filter { marks[$0] != nil }
        var binds = PostgresBindings(capacity: 4)
        binds.append(points)
        binds.append(marked)
        binds.append(marked.map { marks[$0]!.operatingDay })
        binds.append(marked.map { marks[$0]!.hourEnding })
        let sql = """
            SELECT \(selected.joined(separator: ", "))
            FROM \(try table(mapping, settingsKey: settingsKey)) AS t
            LEFT JOIN UNNEST($2::text[], $3::text[]::date[], $4::int[]) AS w(point, day, hour_ending) ON w.point = t.\(point)::text
            WHERE t.\(point)::text = ANY($1::text[]) AND t.\(price) IS NOT NULL
              AND (w.point IS NULL OR t.\(day) > w.day OR (t.\(day) = w.day AND t.\(hour) >= w.hour_ending))
            """
        return SourceQuery(sql: sql, binds: binds)
    }

    /// Forecast postings made at or after `postedSinceUTC` (all when nil).
    /// Selected columns: posted at (epoch seconds), day, hour ending, flag, wind, solar, load.
    static func forecasts(_ mapping: SourceTableMapping, settingsKey: String, postedSinceUTC: Int64?) throws -> SourceQuery {
        let c = try columns(mapping, settingsKey: settingsKey)
        let posted = try c("posted_at")
        let selected = ["EXTRACT(EPOCH FROM t.\(posted))::float8", "t.\(try c("delivery_date"))::text",
                        "t.\(try c("hour_ending"))::int", "t.\(try c("dst_flag"))::text",
                        "t.\(try c("wind_forecast_mw"))::float8", "t.\(try c("solar_forecast_mw"))::float8",
                        "t.\(try c("load_forecast_mw"))::float8"]
        var binds = PostgresBindings(capacity: 1)
        var sql = "SELECT \(selected.joined(separator: ", "))\nFROM \(try table(mapping, settingsKey: settingsKey)) AS t"
        if let postedSinceUTC {
            binds.append(Double(postedSinceUTC))
            sql += "\nWHERE t.\(posted) >= to_timestamp($1::float8)"
        }
        return SourceQuery(sql: sql, binds: binds)
    }

    /// `"schema"."table"` or `"table"`.
    static func table(_ mapping: SourceTableMapping, settingsKey: String) throws -> String {
        let parts = mapping.table.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard (1...2).contains(parts.count) else {
            throw SourceError(.configuration, context: "\(settingsKey).table", "'\(mapping.table)' must be table or schema.table")
        }
        return try parts.map { try quoted($0, key: "\(settingsKey).table") }.joined(separator: ".")
    }

    /// A lookup of each field's quoted column; a field missing from the mapping uses its own name.
    static func columns(_ mapping: SourceTableMapping, settingsKey: String) throws -> (String) throws -> String {
        { field in try quoted(mapping.columns[field] ?? field, key: "\(settingsKey).columns.\(field)") }
    }

    static func quoted(_ identifier: String, key: String) throws -> String {
        guard let first = identifier.unicodeScalars.first, identifier.count <= 63,
              first == "_" || (first.isASCII && first.properties.isAlphabetic),
              identifier.unicodeScalars.allSatisfy({ $0 == "_" || ($0.isASCII && $0.properties.isAlphabetic) || ("0"..."9").contains($0) })
        else {
            throw SourceError(.configuration, context: key, "'\(identifier)' is not a plain SQL identifier (letters, digits, _)")
        }
        return "\"\(identifier)\""
    }
}
