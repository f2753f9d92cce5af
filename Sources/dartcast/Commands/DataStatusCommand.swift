import ArgumentParser
import DartCore
import DartData
import Foundation

struct DataCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "data", abstract: "Inspect the market store.", subcommands: [DataStatusCommand.self])
}

struct DataStatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Every input series' newest value and lag, then per settlement point: first and last hour, gaps and incomplete RT hours.",
        discussion: """
            Series: dam, rt_hourly, rt_15min, wind_stwpf, solar_stppf, load_forecast, load_actual_ERCOT. For each: the \
            newest value known at --as-of (default now) by the known-time rules, its ERCOT label, the newest posting \
            time (forecasts and load), how long the next value is overdue and the freshness limit (settings: freshness).
            """)

    @OptionGroup var global: GlobalOptions

    @Flag(help: "List every gap (default: the first 10 per point).")
    var allGaps = false

    @Option(help: "Judge freshness at this instant instead of now: ISO UTC (…Z) or market local time (2025-03-01T05:00).")
    var asOf: String = "now"

    func run() throws {
        let workspace = try global.workspace(label: "dartcast.data")
        let store = try workspace.existingMarketStore()
        try store.checkIntegrity()
        let started = ContinuousClock.now
        let statuses = try store.status()
        workspace.logger.info("read the market store status", metadata: [
            "store": "\(store.databaseURL.path)", "points": "\(statuses.count)", "elapsed": "\(ContinuousClock.now - started)"])
        guard !statuses.isEmpty else {
            print("The market store at \(store.databaseURL.path) is empty; load data with `dartcast ingest FILE…`.")
            return
        }
        let asOfUTC = try TimeArgument.parse(asOf, zone: workspace.rules.timeZone, now: workspace.now())
        let series = try store.freshness(at: asOfUTC, rules: FreshnessRules(rules: workspace.rules, limits: workspace.settings.freshness))
        print("Series as of \(UTCFormat.iso8601(asOfUTC)) (newest value known then; overdue: how long the next value is late):")
        print(FreshnessTable.render(series))
        print("")
        print(PointStatus.table(statuses, allGaps: allGaps))
    }
}
