import DartRuntime
import DartWorkspace
import ArgumentParser
import DartCore
import DartPipeline
import Foundation
import DartRuns
import DartServer

struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the production pipeline once: ingest_new → build_features → train → predict → publish.",
        discussion: """
            Families are trained only with --retrain or when nothing is registered for them for the product. Outputs go \
            through the outbox (<data-dir>/outbox/<run_id>/); a delivery that fails stays pending and is retried \
            by the next run or `dartcast publish --retry-pending`. Re-running a job's slot replaces its outputs. \
            The run record is shown by `dartcast runs show RUN_ID`, its log by `dartcast runs logs RUN_ID`. \
            A run whose inputs were past their freshness limits at the issue time, or that published fewer model \
            families than configured, ends `degraded` (exit status 2); one whose issue time is more than \
            freshness.max_price_age_hours after the newest stored price is refused (exit status 1) unless --allow-stale.
            """)

    @OptionGroup var global: GlobalOptions

    @Option(help: "dayahead or hourly.")
    var product: ForecastProduct = .dayahead

    @OptionGroup var retrainFlags: RetrainFlags<RunRetrainDefault>

    @Option(help: ArgumentHelp("ISO UTC (…Z), market local time (2025-03-01T05:00), or now: the product's latest issue time at or before now.",
                               valueName: "time"))
    var issueTime: String = "now"

    @Flag(help: "Run through predict and print what would be published; write nothing remote.")
    var dryRun = false

    @Option(help: "Job name recorded with the run; a (job, slot) re-run replaces that slot's outputs.")
    var job: String = "manual"

    @Flag(help: "Forecast even when the issue time is more than freshness.max_price_age_hours after the newest stored price; the run is then degraded.")
    var allowStale = false

    /// `--retrain` / `--no-retrain`; default: train only a family with nothing registered.
    func retrain() throws -> Bool { try retrainFlags.resolved() }

    func run() async throws {
        let retraining = try retrain()
        let runtime = try global.runtime(label: "dartcast.run")
        let issue = try issueUTC(runtime.workspace)
        let result = try await runtime.pipeline()
            .execute(RunRequest(job: job, slotUTC: issue, product: product, retrain: retraining, dryRun: dryRun, allowStale: allowStale))
        print(RunRecordText.render(result.record, deliveries: result.deliveries))
        if dryRun {
            print("\ndry run: nothing was published. Would publish \(result.rows.count) rows to:")
            for target in result.planned { print("  \(target.name)  →  \(target.destination)") }
            if result.planned.isEmpty { print("  (no target is enabled)") }
            let shown = result.rows.filter { $0.modelFamily == "ensemble" }
            print(ForecastRowText.render(Array((shown.isEmpty ? result.rows : shown).prefix(30)), format: .table))
        }
        // Exit 0 succeeded, 2 degraded (published; the record says why), 1 otherwise.
        if result.record.status == .degraded { throw ExitCode(2) }
        if result.record.status != .succeeded { throw ExitCode(1) }
    }

    /// `now` means the product's latest issue time at or before now, so repeating a manual run hits the same slot.
    private func issueUTC(_ workspace: Workspace) throws -> Int64 {
        let zone = workspace.rules.timeZone
        guard issueTime.lowercased() == "now" else { return try TimeArgument.parse(issueTime, zone: zone) }
        let now = Int64(workspace.now().timeIntervalSince1970)
        guard let latest = workspace.rules.latestIssue(product, atOrBefore: now) else {
            throw ValidationError("no \(product.rawValue) issue time before now; pass --issue-time")
        }
        return latest.utc
    }
}
