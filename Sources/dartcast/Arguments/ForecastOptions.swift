import ArgumentParser
import DartCore
import DartPipeline

/// `--product` and `--issue-time`: which forecast, issued when (`predict`, `features`).
struct IssueOptions: ParsableArguments {
    @Option(help: "dayahead or hourly.")
    var product: ForecastProduct = .dayahead

    @Option(help: "Issue time: ISO UTC (…Z), market local time (2025-03-01T05:00), or now.")
    var issueTime: String = "now"
}

/// `--product` and `--cutoff`: fit on the data known at a time (`train`, `tune`).
struct CutoffOptions: ParsableArguments {
    @Option(help: "dayahead or hourly.")
    var product: ForecastProduct = .dayahead

    @Option(help: "Use only data known at this time: ISO UTC (…Z), market local time, or now.")
    var cutoff: String = "now"
}

/// `--product`, `--from`, `--to` and `--refit`: past operating days replayed with refits on a
/// calendar cadence (`backtest` scores their target hours, `backfill` publishes their issues).
struct ReplayOptions: ParsableArguments {
    @Option(help: "dayahead or hourly.")
    var product: ForecastProduct = .dayahead

    @Option(help: "First operating day (market time, YYYY-MM-DD): of the target hours for backtest, of the issue times for backfill.")
    var from: String

    @Option(help: "Last operating day (market time, YYYY-MM-DD, inclusive).")
    var to: String

    @Option(help: "monthly (calendar months) or weekly (ISO weeks, Monday to Sunday).")
    var refit: RefitCadence = .monthly

    /// `--from` and `--to` as days.
    /// - Throws: `ValidationError` unless both are dates with `--from` on or before `--to`.
    func days() throws -> (from: OperatingDay, to: OperatingDay) {
        guard let fromDay = OperatingDay(from), let toDay = OperatingDay(to), fromDay <= toDay else {
            throw ValidationError("--from and --to must be dates (YYYY-MM-DD) with --from on or before --to")
        }
        return (fromDay, toDay)
    }
}
