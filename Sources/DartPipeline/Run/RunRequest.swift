import DartRuns
import DartCore
import Foundation

/// What to run: a job's slot and product, whether to refit, and whether to publish.
public struct RunRequest: Sendable, Hashable {
    /// Job name (a scheduler job, or e.g. `manual`): letters, digits, `_`, `-`, `.`.
    public var job: String
    /// The scheduled slot, UTC seconds; a manual run's slot is its issue time.
    public var slotUTC: Int64
    public var product: ForecastProduct
    /// Refit every configured family; otherwise only families without a champion are trained.
    public var retrain: Bool
    /// Run through predict, then report what would be published without writing anything remote.
    public var dryRun: Bool
    /// The forecast's issue time (features use only what was known then). Default: the slot.
    public var issue: IssueTime
    var issueUTC: Int64 { issue.utc }
    /// Forecast even when the issue time is more than `freshness.max_price_age_hours` after the
    /// newest stored price (the run is then `degraded`); otherwise such a run fails at `build_features`.
    public var allowStale: Bool
    /// Set for the runs of `dartcast backfill`: rows tagged `backfill`, the refit's models, no ingest, training or notices.
    public var backfill: BackfillRunContext?
    var origin: ForecastOrigin { backfill == nil ? .production : .backfill }

    public init(job: String, slotUTC: Int64, product: ForecastProduct, retrain: Bool = false, dryRun: Bool = false,
                issue: IssueTime? = nil, allowStale: Bool = false, backfill: BackfillRunContext? = nil) {
        self.allowStale = allowStale
        self.job = job
        self.slotUTC = slotUTC
        self.product = product
        self.retrain = retrain
        self.dryRun = dryRun
        self.issue = issue ?? IssueTime(utc: slotUTC)
        self.backfill = backfill
    }

    var params: [String: String] {
        let params = ["product": product.rawValue, "retrain": "\(retrain)", "dry_run": "\(dryRun)", "issue_time_utc": UTCFormat.iso8601(issueUTC)]
        return params.merging(allowStale ? ["allow_stale": "true"] : [:]) { $1 }.merging(backfill?.params ?? [:]) { $1 }
    }

    /// `<job>-<slot as yyyyMMddTHHmmZ>-<attempt>`, e.g. `hourly_predict-20250301T1105Z-1`: safe in paths and object keys.
    func runID(attempt: Int) -> String {
        let iso = UTCFormat.iso8601(slotUTC)  // 2025-03-01T11:05:00Z
        let compact = iso.prefix(16).replacingOccurrences(of: "-", with: "").replacingOccurrences(of: ":", with: "")
        return "\(job)-\(compact)Z-\(attempt)"
    }

    func validate() throws {
        let allowed = job.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "_-.".unicodeScalars.contains($0)) }
        guard !job.isEmpty, job.count <= 64, allowed, !job.hasPrefix(".") else {
            throw PipelineError(.configuration, "job name '\(job)' must be 1–64 letters, digits, _, - or . (it becomes part of run ids and paths)")
        }
    }
}

/// What a run produced: its record, the forecasts, and the deliveries (or, for a dry run, the plan).
public struct RunResult: Sendable {
    public struct PlannedTarget: Sendable, Hashable {
        public var name: String
        /// Where it would go, or why it could not be built.
        public var destination: String
    }

    public var record: RunRecord
    public var rows: [ForecastRow]
    public var deliveries: [Delivery]
    /// Dry runs only: the targets that would receive this run's output.
    public var planned: [PlannedTarget]
}
