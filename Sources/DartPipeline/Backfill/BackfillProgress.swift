import DartCore
import Foundation

/// Where a backfill is, for the progress line on standard error.
public struct BackfillProgress: Sendable, Hashable {
    /// Issue times handled so far: written, failed or skipped.
    public var done: Int
    public var total: Int
    public var written: Int
    public var skipped: Int
    public var failed: Int
    /// 1-based index of the current refit, and how many the plan has.
    public var refit: Int
    public var refits: Int
    /// `2024-11 cutoff 2024-11-01T10:00:00Z`, plus `training` while its models are fit.
    public var refitLabel: String
    public var elapsedSeconds: Double
    /// Seconds this invocation spent in issue-time runs, and in training refits (how many).
    public var runSeconds: Double = 0
    public var trainingSeconds: Double = 0
    public var refitsTrained: Int = 0
    /// Refits after the current one (each may still have to train).
    public var refitsAhead: Int = 0

    /// Issue times written or failed per second of run time (training excluded); nil before the first.
    public var rate: Double? {
        let processed = written + failed
        guard processed > 0, runSeconds > 0 else { return nil }
        return Double(processed) / runSeconds
    }

    /// Seconds left: the issue times left at `rate`, plus the refits ahead at the mean training
    /// time so far (skipped issue times cost nothing); nil before the first issue time is run.
    public var etaSeconds: Double? {
        guard let rate else { return nil }
        let training = refitsTrained > 0 ? trainingSeconds / Double(refitsTrained) * Double(refitsAhead) : 0
        return Double(max(total - done, 0)) / rate + training
    }

    /// `issue 12/30  refit 1/2 2024-11 cutoff …  0.85/s  elapsed 14s  ETA 21s  written 9 skipped 3 failed 0`:
    /// the essentials first, so a narrow terminal that cuts the line keeps them.
    public func line() -> String {
        let speed = rate.map { String(format: "%.2f/s", $0) } ?? "–/s"
        return "issue \(done)/\(total)  refit \(refit)/\(refits) \(refitLabel)  \(speed)  elapsed \(BacktestProgress.duration(elapsedSeconds))"
            + "  ETA \(etaSeconds.map(BacktestProgress.duration) ?? "?")  written \(written) skipped \(skipped) failed \(failed)"
    }
}

/// What a backfill did (printed on standard output at the end).
public struct BackfillSummary: Sendable, Hashable {
    public struct Failure: Sendable, Hashable {
        public var issueUTC: Int64
        public var error: String
    }

    public var request: BackfillRequest
    public var issueTimes: Int
    public var written: Int
    /// Completed by an earlier backfill with the same models.
    public var skippedDone: Int
    /// Published by a production run: production's forecast stays.
    public var skippedProduction: Int
    public var failures: [Failure]
    public var refits: Int
    public var refitsTrained: Int
    public var refitsReused: Int
    /// Seconds spent training refits.
    public var trainingSeconds: Double
    public var rows: Int
    public var wallSeconds: Double
    /// Run ids of the runs this invocation made.
    public var runIDs: [String]

    public var skipped: Int { skippedDone + skippedProduction }

    public var text: String {
        let rate = wallSeconds > 0 ? Double(written + failures.count) / wallSeconds : 0
        var lines = [
            "backfill \(request.product.rawValue) \(request.rangeText) (refit \(request.refit.rawValue)): \(issueTimes) issue times",
            "  written \(written), skipped \(skipped) (\(skippedDone) done by an earlier backfill, \(skippedProduction) published by production), failed \(failures.count)",
            String(format: "  refits %d (trained %d, reused %d), rows %d, wall time %.1f s (training %.1f s; %.2f issue times/s)",
                   refits, refitsTrained, refitsReused, rows, wallSeconds, trainingSeconds, rate),
        ]
        for failure in failures.prefix(20) { lines.append("  FAILED \(UTCFormat.iso8601(failure.issueUTC)): \(failure.error)") }
        if failures.count > 20 { lines.append("  … and \(failures.count - 20) more failures (see `dartcast runs list --job backfill --status failed`)") }
        return lines.joined(separator: "\n")
    }
}
