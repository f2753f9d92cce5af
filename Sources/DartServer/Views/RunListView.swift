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
/// `ForecastRow`'s columns under their Parquet names, ISO 8601 UTC times (docs/schema.md), and
/// the run that published it.
public struct PredictionRowView: Codable, Hashable, Sendable {
    public var row: ForecastRow
    /// The run that published it; nil for `dartcast predict`, which publishes nothing.
    public var runID: String?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case issueTimeUTC = "issue_time_utc", targetHourUTC = "target_hour_utc", operatingDay = "operating_day"
        case hourEnding = "hour_ending", dstFlag = "dst_flag", settlementPoint = "settlement_point", product
        case modelFamily = "model_family", modelVersion = "model_version", prediction, p10, p50, p90
        case runID = "run_id", missingFeatures = "missing_features"
    }

    public init(_ row: ForecastRow, runID: String?) {
        self.row = row
        self.runID = runID
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(row.issueTimeUTC.description, forKey: .issueTimeUTC)
        try container.encode(UTCFormat.iso8601(row.targetHourUTC), forKey: .targetHourUTC)
        try container.encode(row.operatingDay.description, forKey: .operatingDay)
        try container.encode(row.hourEnding, forKey: .hourEnding)
        try container.encode(row.dstFlag, forKey: .dstFlag)
        try container.encode(row.settlementPoint, forKey: .settlementPoint)
        try container.encode(row.product, forKey: .product)
        try container.encode(row.modelFamily, forKey: .modelFamily)
        try container.encode(row.modelVersion, forKey: .modelVersion)
        try container.encode(row.prediction, forKey: .prediction)
        try container.encodeIfPresent(row.p10, forKey: .p10)
        try container.encodeIfPresent(row.p50, forKey: .p50)
        try container.encodeIfPresent(row.p90, forKey: .p90)
        try container.encodeIfPresent(row.missingFeatures, forKey: .missingFeatures)
        try container.encodeIfPresent(runID, forKey: .runID)
    }

    /// Reads a row the API wrote (clients and tests); instants and days must be in its formats.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        func parsed<T>(_ key: CodingKeys, _ parse: (String) -> T?) throws -> T {
            let text = try container.decode(String.self, forKey: key)
            guard let value = parse(text) else {
                throw DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: "unreadable \(key.rawValue) \"\(text)\"")
            }
            return value
        }
        row = ForecastRow(
            issueTimeUTC: IssueTime(utc: try parsed(.issueTimeUTC, UTCFormat.parse)), targetHourUTC: try parsed(.targetHourUTC, UTCFormat.parse),
            operatingDay: try parsed(.operatingDay) { OperatingDay($0) }, hourEnding: try container.decode(Int.self, forKey: .hourEnding),
            isRepeatedHour: try container.decode(String.self, forKey: .dstFlag) == "Y",
            settlementPoint: try container.decode(String.self, forKey: .settlementPoint), product: try container.decode(String.self, forKey: .product),
            modelFamily: try container.decode(String.self, forKey: .modelFamily), modelVersion: try container.decode(String.self, forKey: .modelVersion),
            prediction: try container.decode(Double.self, forKey: .prediction), p10: try container.decodeIfPresent(Double.self, forKey: .p10),
            p50: try container.decodeIfPresent(Double.self, forKey: .p50), p90: try container.decodeIfPresent(Double.self, forKey: .p90),
            missingFeatures: try container.decodeIfPresent(Int.self, forKey: .missingFeatures))
        runID = try container.decodeIfPresent(String.self, forKey: .runID)
    }

    /// The CSV header: the columns in the Parquet file's order (without `created_at`); `run_id` only when asked.
    public static func csvHeader(runID: Bool) -> [String] {
        CodingKeys.allCases.filter { runID || $0 != .runID }.map(\.rawValue)
    }

    /// The row's cells (unquoted), in `csvHeader` order; prices with 3 decimals, empty for nil.
    public func csvCells(runID withRunID: Bool) -> [String] {
        func f(_ value: Double?) -> String { value.map { String(format: "%.3f", $0) } ?? "" }
        var cells = [row.issueTimeUTC.description, UTCFormat.iso8601(row.targetHourUTC), row.operatingDay.description,
                     "\(row.hourEnding)", row.dstFlag, row.settlementPoint, row.product, row.modelFamily, row.modelVersion,
                     f(row.prediction), f(row.p10), f(row.p50), f(row.p90)]
        if withRunID { cells.append(runID ?? "") }
        return cells + [row.missingFeatures.map { "\($0)" } ?? ""]
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
