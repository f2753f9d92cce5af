import ArgumentParser
import DartCore
import DartPipeline
import Foundation

struct BackfillCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backfill",
        abstract: "Write the forecasts production would have made at past issue times, tagged origin=backfill.",
        discussion: """
            For every issue time of --product issued on a day in [--from, --to] (market time, inclusive): models \
            refit per calendar month (or ISO week) on the data known at the period's first issue time, registered \
            under their own registry key (production champions are untouched), then one run per issue time (job \
            `backfill`) through the outbox, the Parquet partition and the SQL table; no notifications. Resumable: \
            issue times a backfill completed with the same models, or production published, are skipped, and \
            registered refits are reused. See docs/backfill.md.
            """)

    @OptionGroup var global: GlobalOptions

    @Option(help: "dayahead or hourly.")
    var product: ForecastProduct = .dayahead

    @Option(help: "First day (market time, YYYY-MM-DD) whose issue times are backfilled.")
    var from: String

    @Option(help: "Last day (market time, YYYY-MM-DD, inclusive) whose issue times are backfilled.")
    var to: String

    @Option(help: "monthly (calendar months) or weekly (ISO weeks, Monday to Sunday).")
    var refit: RefitCadence = .monthly

    @Flag(help: "No progress line on standard error.")
    var quiet = false

    func run() async throws {
        guard let fromDay = OperatingDay(from), let toDay = OperatingDay(to), fromDay <= toDay else {
            throw ValidationError("--from and --to must be dates (YYYY-MM-DD) with --from on or before --to")
        }
        let runtime = try global.runtime(label: "dartcast.backfill")
        let display = quiet ? nil : ProgressDisplay.standardError()
        let summary: BackfillSummary
        do {
            defer { display?.finish() }
            summary = try await runtime.backfill().run(BackfillRequest(product: product, from: fromDay, to: toDay, refit: refit)) { progress in
                display?.update(progress.line())
            }
        }
        print(summary.text)
        if !summary.failures.isEmpty { throw ExitCode(1) }
    }
}
