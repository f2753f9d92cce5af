import DartServer
import DartConfig
import DartCore
import DartPipeline
import DartScheduler
import Foundation
import Logging

/// Runs a scheduler job through `RunPipeline`: the job's product, its `retrain`, and the
/// product's latest issue time at or before the slot (a scheduled slot is usually exactly an
/// issue time; a manual trigger at 14:27 forecasts from the 14:05 hourly issue).
///
/// A failed run throws (the scheduler retries it; this includes a run refused because its prices
/// are older than `freshness.max_price_age_hours`: scheduled runs never pass `--allow-stale`); a
/// `degraded` run published and returns normally (not retried); a run cut short by cancellation throws
/// `CancellationError` at once, leaving the run record to be marked interrupted (the step in
/// progress cannot be stopped mid-way; the process is exiting).
///
/// A `fetch` job (`ercot_fetch`) only asks the market sources for what is new and stores it: no run
/// record (it would add 288 a day); the scheduler's claim records each slot, and a failing source
/// throws so the slot shows as failed.
public struct PipelineJobRunner: JobRunner {
    let pipeline: RunPipeline

    public init(pipeline: RunPipeline) {
        self.pipeline = pipeline
    }

    public struct RunFailed: Error, Hashable, Sendable, CustomStringConvertible {
        public let runID: String
        public let message: String
        public var description: String { "run \(runID) failed: \(message)" }
    }

    public struct FetchFailed: Error, Hashable, Sendable, CustomStringConvertible {
        public let failures: [String]
        public var description: String { "fetch failed: " + failures.joined(separator: "; ") }
    }

    public func run(job: JobSettings, slotUTC: Int64, attempt: Int) async throws {
        if job.action == .fetch { return try await fetch(job: job) }
        let product: ForecastProduct = job.product == .dayahead ? .dayahead : .hourly
        let issue = pipeline.workspace.rules.latestIssue(product, atOrBefore: slotUTC) ?? IssueTime(utc: slotUTC)
        let request = RunRequest(job: job.name, slotUTC: slotUTC, product: product, retrain: job.retrain, issue: issue)
        let record = try await CancellableWork.run { [pipeline] in try await pipeline.execute(request).record }
        switch record.status {
        case .succeeded, .degraded: return  // a degraded run published; retrying would not make its inputs fresher
        case .interrupted: throw CancellationError()
        default: throw RunFailed(runID: record.runID, message: record.error ?? record.status.rawValue)
        }
    }

    private func fetch(job: JobSettings) async throws {
        let logger = pipeline.workspace.logger
        let store = try pipeline.workspace.marketStore()
        var failures: [String] = []
        for source in pipeline.sources {
            do {
                let report = try await source.fetch(into: store)
                logger.info("fetched", metadata: ["job": "\(job.name)", "source": "\(source.name)", "rows_read": "\(report.rowsRead)",
                                                  "rows_stored": "\(report.rowsStored)"])
            } catch {
                failures.append("\(source.name): \(error)")
                logger.error("fetch failed", metadata: ["job": "\(job.name)", "source": "\(source.name)", "error": "\(error)"])
            }
        }
        guard failures.isEmpty else { throw FetchFailed(failures: failures) }
    }
}
