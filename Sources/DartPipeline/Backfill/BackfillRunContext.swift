import DartCore

/// What makes a production-pipeline run a backfill run (`RunRequest.backfill`): its rows are
/// tagged `origin = backfill`, it predicts with the refit's models (`modelKey`), and it skips
/// `ingest_new`, training, notifications and the retry of other runs' pending deliveries.
public struct BackfillRunContext: Sendable, Hashable {
    /// The backfill's range as asked for, e.g. `2024-11-01..2024-11-14`.
    public var range: String
    public var refit: RefitCadence
    /// The registry key whose champions forecast (`BackfillPlan.Refit.modelKey`).
    public var modelKey: String

    /// Added to the run record's params; a resumed backfill matches `model_key` to skip completed issue times.
    var params: [String: String] {
        ["origin": ForecastOrigin.backfill.rawValue, "backfill_range": range, "refit": refit.rawValue, "model_key": modelKey]
    }
}
