import DartCore
import DartReports
import DartRuns

/// `GET /api/runs`: one page of run records, newest first.
public struct RunListView: Codable, Hashable, Sendable {
    public var runs: [RunView]
    public var limit: Int
    public var offset: Int
    /// Runs matching the filters, all pages.
    public var total: Int
    /// Offset of the next page, nil on the last page.
    public var nextOffset: Int?
    /// The next page's path and query, nil on the last page.
    public var next: String?

    enum CodingKeys: String, CodingKey {
        case runs, limit, offset, total, next
        case nextOffset = "next_offset"
    }
}

/// `GET /api/models`: registered versions, newest first.
public struct ModelListView: Codable, Hashable, Sendable {
    public struct Model: Codable, Hashable, Sendable {
        public var modelVersion: String
        public var modelFamily: String
        public var product: String
        public var createdAt: String
        public var trainingFromUTC: String
        public var trainingToUTC: String
        public var aliases: [String]
        /// From the validation metrics attached at registration; nil when none was computed.
        public var validationMAE: Double?
        public var zeroValidationMAE: Double?

        enum CodingKeys: String, CodingKey {
            case product, aliases
            case modelVersion = "model_version", modelFamily = "model_family", createdAt = "created_at"
            case trainingFromUTC = "training_from_utc", trainingToUTC = "training_to_utc"
            case validationMAE = "validation_mae", zeroValidationMAE = "zero_validation_mae"
        }
    }

    public var models: [Model]
}

/// One published forecast row as every output shows it (API JSON and CSV, `dartcast predict`):
/// the Parquet column names and ISO 8601 UTC times (docs/schema.md).
public struct PredictionRowView: Codable, Hashable, Sendable {
    public var issueTimeUTC: String
    public var targetHourUTC: String
    public var operatingDay: String
    public var hourEnding: Int
    public var dstFlag: String
    public var settlementPoint: String
    public var product: String
    public var modelFamily: String
    public var modelVersion: String
    public var prediction: Double
    public var p10: Double?
    public var p50: Double?
    public var p90: Double?
    /// How many of the row's features were missing; nil for rows published before it was recorded.
    public var missingFeatures: Int?
    /// The run that published it; nil for `dartcast predict`, which publishes nothing.
    public var runID: String?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case issueTimeUTC = "issue_time_utc", targetHourUTC = "target_hour_utc", operatingDay = "operating_day"
        case hourEnding = "hour_ending", dstFlag = "dst_flag", settlementPoint = "settlement_point", product
        case modelFamily = "model_family", modelVersion = "model_version", prediction, p10, p50, p90
        case runID = "run_id", missingFeatures = "missing_features"
    }

    public init(_ row: ForecastRow, runID: String?) {
        issueTimeUTC = UTCFormat.iso8601(row.issueTimeUTC)
        targetHourUTC = UTCFormat.iso8601(row.targetHourUTC)
        operatingDay = row.operatingDay.description
        hourEnding = row.hourEnding
        dstFlag = row.dstFlag
        settlementPoint = row.settlementPoint
        product = row.product
        modelFamily = row.modelFamily
        modelVersion = row.modelVersion
        prediction = row.prediction
        p10 = row.p10
        p50 = row.p50
        p90 = row.p90
        missingFeatures = row.missingFeatures
        self.runID = runID
    }

    /// The CSV header: the columns in the Parquet file's order (without `created_at`); `run_id` only when asked.
    public static func csvHeader(runID: Bool) -> [String] {
        CodingKeys.allCases.filter { runID || $0 != .runID }.map(\.rawValue)
    }

    /// The row's cells (unquoted), in `csvHeader` order; prices with 3 decimals, empty for nil.
    public func csvCells(runID withRunID: Bool) -> [String] {
        func f(_ value: Double?) -> String { value.map { String(format: "%.3f", $0) } ?? "" }
        var cells = [issueTimeUTC, targetHourUTC, operatingDay, "\(hourEnding)", dstFlag, settlementPoint, product,
                     modelFamily, modelVersion, f(prediction), f(p10), f(p50), f(p90)]
        if withRunID { cells.append(runID ?? "") }
        return cells + [missingFeatures.map { "\($0)" } ?? ""]
    }

    /// `rows` as CSV text with the header line, lines ending in `\n`.
    public static func csv(_ rows: [PredictionRowView], runID: Bool) -> String {
        ([csvHeader(runID: runID)] + rows.map { $0.csvCells(runID: runID) }).map { $0.map(RecordFormat.csvField).joined(separator: ",") + "\n" }.joined()
    }
}

/// `GET /api/predictions`.
public struct PredictionListView: Codable, Hashable, Sendable {
    public var product: String
    public var fromUTC: String
    public var toUTC: String
    /// Rows in this page.
    public var rowCount: Int
    /// True when more rows follow; `nextCursor` continues after the last one.
    public var truncated: Bool
    public var nextCursor: String?
    /// The next page's path and query.
    public var next: String?
    public var rows: [PredictionRowView]

    enum CodingKeys: String, CodingKey {
        case product, truncated, next, rows
        case fromUTC = "from_utc", toUTC = "to_utc", rowCount = "row_count", nextCursor = "next_cursor"
    }
}

/// `GET /api/runs/{id}/files`: what `runs download` saves.
public struct RunFilesView: Codable, Hashable, Sendable {
    public var runID: String
    public var files: [RunBundle.File]

    enum CodingKeys: String, CodingKey {
        case files
        case runID = "run_id"
    }
}
