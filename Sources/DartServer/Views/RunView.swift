import DartCore
import DartRuns

/// A run record as every output shows it (API, `run.json` of downloads): the field names of the
/// vocabulary (docs/schema.md) and times as ISO 8601 UTC text. `RunRecord` keeps its own
/// encoding, which is what `runs.sqlite` stores.
public struct RunView: Codable, Hashable, Sendable {
    public struct Step: Codable, Hashable, Sendable {
        public var name: String
        public var status: StepStatus
        public var startedAtUTC: String?
        public var finishedAtUTC: String?
        public var durationSeconds: Double?
        public var error: String?
        public var detail: [String: String]

        enum CodingKeys: String, CodingKey {
            case name, status, error, detail
            case startedAtUTC = "started_at_utc", finishedAtUTC = "finished_at_utc", durationSeconds = "duration_seconds"
        }
    }

    public struct Series: Codable, Hashable, Sendable {
        public var series: MarketSeries
        public var asOfUTC: String
        public var newestUTC: String?
        public var newestPostedUTC: String?
        public var dueUTC: String?
        public var lagSeconds: Int64
        public var limitSeconds: Int64
        public var state: SeriesFreshness.State
        public var degrades: Bool

        enum CodingKeys: String, CodingKey {
            case series, state, degrades
            case asOfUTC = "as_of_utc", newestUTC = "newest_utc", newestPostedUTC = "newest_posted_utc", dueUTC = "due_utc"
            case lagSeconds = "lag_seconds", limitSeconds = "limit_seconds"
        }
    }

    public struct Inputs: Codable, Hashable, Sendable {
        public var series: [Series]
        /// One line per feature group missing for some rows (the rows' own count is `missing_features`).
        public var missingFeatureGroups: [String]
        public var degradedBecause: [String]

        enum CodingKeys: String, CodingKey {
            case series
            case missingFeatureGroups = "missing_feature_groups", degradedBecause = "degraded_because"
        }
    }

    public var runID: String
    public var job: String
    public var slotUTC: String
    public var attempt: Int
    public var product: String
    public var params: [String: String]
    public var status: RunStatus
    public var startedAtUTC: String
    public var finishedAtUTC: String?
    public var durationSeconds: Double?
    public var steps: [Step]
    public var modelVersions: [String: String]
    public var rowCounts: [String: Int]
    public var logPath: String?
    public var error: String?
    public var inputs: Inputs?

    enum CodingKeys: String, CodingKey {
        case job, attempt, product, params, status, steps, error, inputs
        case runID = "run_id", slotUTC = "slot_utc", startedAtUTC = "started_at_utc", finishedAtUTC = "finished_at_utc"
        case durationSeconds = "duration_seconds", modelVersions = "model_versions", rowCounts = "row_counts", logPath = "log_path"
    }

    public init(_ record: RunRecord) {
        runID = record.runID
        job = record.job
        slotUTC = UTCFormat.iso8601(record.slotUTC)
        attempt = record.attempt
        product = record.product
        params = record.params
        status = record.status
        startedAtUTC = UTCFormat.iso8601(record.startedAtUTC)
        finishedAtUTC = record.finishedAtUTC.map(UTCFormat.iso8601)
        durationSeconds = record.durationSeconds
        steps = record.steps.map {
            Step(name: $0.name, status: $0.status, startedAtUTC: $0.startedAtUTC.map(UTCFormat.iso8601),
                 finishedAtUTC: $0.finishedAtUTC.map(UTCFormat.iso8601), durationSeconds: $0.durationSeconds, error: $0.error,
                 detail: $0.detail)
        }
        modelVersions = record.modelVersions
        rowCounts = record.rowCounts
        logPath = record.logPath
        error = record.error
        inputs = record.inputs.map { inputs in
            Inputs(series: inputs.series.map {
                Series(series: $0.series, asOfUTC: UTCFormat.iso8601($0.asOfUTC), newestUTC: $0.newestUTC.map(UTCFormat.iso8601),
                       newestPostedUTC: $0.newestPostedUTC.map(UTCFormat.iso8601), dueUTC: $0.dueUTC.map(UTCFormat.iso8601),
                       lagSeconds: $0.lagSeconds, limitSeconds: $0.limitSeconds, state: $0.state, degrades: $0.degrades)
            }, missingFeatureGroups: inputs.missingFeatures, degradedBecause: inputs.degradedBecause)
        }
    }

    /// The record back (the CLI's `--server` paths format records); a time that is not ISO 8601 UTC is an error.
    public func record() throws -> RunRecord {
        var record = RunRecord(runID: runID, job: job, slotUTC: try Self.utc(slotUTC, "slot_utc"), attempt: attempt, product: product,
                               params: params, status: status, startedAtUTC: try Self.utc(startedAtUTC, "started_at_utc"))
        record.finishedAtUTC = try finishedAtUTC.map { try Self.utc($0, "finished_at_utc") }
        record.steps = try steps.map {
            StepRecord(name: $0.name, status: $0.status, startedAtUTC: try $0.startedAtUTC.map { try Self.utc($0, "started_at_utc") },
                       finishedAtUTC: try $0.finishedAtUTC.map { try Self.utc($0, "finished_at_utc") },
                       durationSeconds: $0.durationSeconds, error: $0.error, detail: $0.detail)
        }
        record.modelVersions = modelVersions
        record.rowCounts = rowCounts
        record.logPath = logPath
        record.error = error
        record.inputs = try inputs.map { inputs in
            RunInputs(series: try inputs.series.map {
                SeriesFreshness(series: $0.series, asOfUTC: try Self.utc($0.asOfUTC, "as_of_utc"),
                                newestUTC: try $0.newestUTC.map { try Self.utc($0, "newest_utc") },
                                newestPostedUTC: try $0.newestPostedUTC.map { try Self.utc($0, "newest_posted_utc") },
                                dueUTC: try $0.dueUTC.map { try Self.utc($0, "due_utc") },
                                lagSeconds: $0.lagSeconds, limitSeconds: $0.limitSeconds, state: $0.state, degrades: $0.degrades)
            }, missingFeatures: inputs.missingFeatureGroups, degradedBecause: inputs.degradedBecause)
        }
        return record
    }

    /// A time field that is not `2025-03-01T11:05:00Z`.
    public struct BadTime: Error, Hashable, Sendable, CustomStringConvertible {
        public var field: String
        public var text: String
        public var description: String { "\(field) \"\(text)\" is not an ISO 8601 UTC time (2025-03-01T11:05:00Z)" }
    }

    static func utc(_ text: String, _ field: String) throws(BadTime) -> Int64 {
        guard let value = UTCFormat.parse(text) else { throw BadTime(field: field, text: text) }
        return value
    }
}
