import DartCore
import Foundation

/// The Parquet schema of published predictions, and conversion to and from forecast rows.
public enum PredictionsParquet {
    public static let columnNames = [
        "issue_time_utc", "target_hour_utc", "operating_day", "hour_ending", "dst_flag", "settlement_point",
        "product", "model_family", "model_version", "prediction", "p10", "p50", "p90", "run_id", "created_at",
        "missing_features", "origin",
    ]
    /// Columns added after the first schema: files written before them are still read (`missing_features`
    /// as nil, `origin` as production).
    static let laterColumnNames: Set<String> = ["missing_features", "origin"]

    public static func table(rows: [ForecastRow], runID: String, createdAtUTC: Int64) -> ParquetTable {
        func optional(_ values: [Double?]) -> ([Double], [Bool]) { (values.map { $0 ?? .nan }, values.map { $0 != nil }) }
        let p10 = optional(rows.map(\.p10)), p50 = optional(rows.map(\.p50)), p90 = optional(rows.map(\.p90))
        return ParquetTable(columns: [
            ParquetColumn("issue_time_utc", .timestampMicrosUTC(rows.map { $0.issueTimeUTC.utc * 1_000_000 })),
            ParquetColumn("target_hour_utc", .timestampMicrosUTC(rows.map { $0.targetHourUTC * 1_000_000 })),
            // A DATE, so DuckDB and polars read it as a date (a dictionary string reads as Categorical in polars).
            ParquetColumn("operating_day", .date32(rows.map { Int32($0.operatingDay.daysSinceEpoch) })),
            ParquetColumn("hour_ending", .int32(rows.map { Int32($0.hourEnding) })),
            ParquetColumn("dst_flag", .dictionaryString(rows.map(\.dstFlag))),
            ParquetColumn("settlement_point", .dictionaryString(rows.map(\.settlementPoint))),
            ParquetColumn("product", .dictionaryString(rows.map(\.product))),
            ParquetColumn("model_family", .dictionaryString(rows.map(\.modelFamily))),
            ParquetColumn("model_version", .dictionaryString(rows.map(\.modelVersion))),
            ParquetColumn("prediction", .float64(rows.map(\.prediction))),
            ParquetColumn("p10", .float64(p10.0), valid: p10.1),
            ParquetColumn("p50", .float64(p50.0), valid: p50.1),
            ParquetColumn("p90", .float64(p90.0), valid: p90.1),
            ParquetColumn("run_id", .dictionaryString(Array(repeating: runID, count: rows.count))),
            ParquetColumn("created_at", .timestampMicrosUTC(Array(repeating: createdAtUTC * 1_000_000, count: rows.count))),
            ParquetColumn("missing_features", .int32(rows.map { Int32($0.missingFeatures ?? 0) }), valid: rows.map { $0.missingFeatures != nil }),
            ParquetColumn("origin", .dictionaryString(rows.map(\.origin.rawValue))),
        ], metadata: ["dartcast.schema": "predictions/1"])
    }

    /// Reads forecast rows back from a predictions file.
    public static func rows(from file: ParquetFile) throws -> [ForecastRow] {
        let missing = columnNames.filter { !file.columnNames.contains($0) && !laterColumnNames.contains($0) }
        guard missing.isEmpty else {
            throw ParquetError(.noSuchColumn, "not a dartcast predictions file: missing columns \(missing.joined(separator: ", "))")
        }
        let issue = try file.int64s("issue_time_utc"), target = try file.int64s("target_hour_utc")
        let days = try operatingDays(file), hourEnding = try file.int64s("hour_ending")
        let flags = try file.strings("dst_flag"), points = try file.strings("settlement_point")
        let products = try file.strings("product"), families = try file.strings("model_family")
        let versions = try file.strings("model_version"), prediction = try file.doubles("prediction")
        let p10 = try file.doubles("p10"), p50 = try file.doubles("p50"), p90 = try file.doubles("p90")
        let missingFeatures = file.columnNames.contains("missing_features") ? try file.optionalInt64s("missing_features") : nil
        let origins = file.columnNames.contains("origin") ? try file.strings("origin") : []
        return try (0..<file.rowCount).map { row in
            guard let day = days[row] else { throw ParquetError(.read, "row \(row): operating_day is not a date") }
            let origin: ForecastOrigin = origins.isEmpty ? .production : try Self.origin(origins[row], row: row)
            return ForecastRow(
                issueTimeUTC: IssueTime(utc: issue[row] / 1_000_000), targetHourUTC: target[row] / 1_000_000, operatingDay: day,
                hourEnding: Int(hourEnding[row]), isRepeatedHour: flags[row] == "Y", settlementPoint: points[row] ?? "",
                product: products[row] ?? "", modelFamily: families[row] ?? "", modelVersion: versions[row] ?? "",
                prediction: prediction[row], p10: p10[row].isNaN ? nil : p10[row], p50: p50[row].isNaN ? nil : p50[row],
                p90: p90[row].isNaN ? nil : p90[row], missingFeatures: missingFeatures.flatMap { $0[row].map(Int.init) }, origin: origin)
        }
    }

    /// `operating_day` as DATE (files since the date type) or as `YYYY-MM-DD` text (older files).
    static func operatingDays(_ file: ParquetFile) throws -> [OperatingDay?] {
        let type = file.columnTypes[file.columnNames.firstIndex(of: "operating_day") ?? 0]
        if type.hasPrefix("date32") { return try file.int64s("operating_day").map { OperatingDay(daysSinceEpoch: Int($0)) } }
        return try file.strings("operating_day").map { $0.flatMap { OperatingDay($0) } }
    }

    private static func origin(_ text: String?, row: Int) throws -> ForecastOrigin {
        guard let text, let origin = ForecastOrigin(rawValue: text) else {
            throw ParquetError(.read, "row \(row): origin '\(text ?? "null")' is not one of production, backfill")
        }
        return origin
    }
}
