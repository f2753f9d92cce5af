import DartRuns

/// `GET /api/runs`: one page of run records, newest first.
public struct RunListView: Codable, Hashable, Sendable {
    public var runs: [RunRecord]
    public var limit: Int
    public var offset: Int
    /// Runs matching the filters, all pages.
    public var total: Int
    /// Offset of the next page, nil on the last page.
    public var nextOffset: Int?
    /// The next page's path and query, nil on the last page.
    public var next: String?
}

/// `GET /api/models`: registered versions, newest first.
public struct ModelListView: Codable, Hashable, Sendable {
    public struct Model: Codable, Hashable, Sendable {
        public var id: String
        public var family: String
        public var product: String
        public var createdAt: String
        public var trainingFrom: String
        public var trainingTo: String
        public var aliases: [String]
        /// From the validation metrics attached at registration; nil when none was computed.
        public var validationMAE: Double?
        public var zeroValidationMAE: Double?
    }

    public var models: [Model]
}

/// `GET /api/predictions`.
public struct PredictionListView: Codable, Hashable, Sendable {
    public struct Row: Codable, Hashable, Sendable {
        public var issueTime: String
        public var targetHour: String
        public var operatingDay: String
        public var hourEnding: Int
        public var dstFlag: String
        public var settlementPoint: String
        public var modelFamily: String
        public var modelVersion: String
        public var prediction: Double
        public var p10: Double?
        public var p50: Double?
        public var p90: Double?
        /// How many of the row's features were missing; nil for rows published before it was recorded.
        public var missingFeatures: Int?
        public var runID: String
    }

    public var product: String
    public var from: String
    public var to: String
    public var rowCount: Int
    /// True when more rows matched than `limit`; narrow the range or filter by point/model.
    public var truncated: Bool
    public var rows: [Row]
}

/// `GET /api/runs/{id}/files`: what `runs download` saves.
public struct RunFilesView: Codable, Hashable, Sendable {
    public var runID: String
    public var files: [RunBundle.File]
}
