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

    @OptionGroup var replay: ReplayOptions

    @Flag(help: "No progress line on standard error.")
    var quiet = false

    func run() async throws {
        let (fromDay, toDay) = try replay.days()
        let runtime = try global.runtime(label: "dartcast.backfill")
        let display = quiet ? nil : ProgressDisplay.standardError()
        let summary: BackfillSummary
        do {
            defer { display?.finish() }
            summary = try await runtime.backfill().run(BackfillRequest(product: replay.product, from: fromDay, to: toDay, refit: replay.refit)) { progress in
                display?.update(progress.line())
            }
        }
        print(summary.text)
        if !summary.failures.isEmpty { throw ExitCode(1) }
    }
}
