import DartWorkspace
import ArgumentParser
import DartCore
import DartData
import DartModels
import DartPipeline
import DartPublish
import Foundation
import DartRuns
import DartServer

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run dartcast end to end on the bundled real ERCOT sample with embedded defaults.",
        discussion: """
            ingest → data status → walk-forward backtest summary → one production run (job `demo`, through the \
            same pipeline as `dartcast run`: train, predict the next operating day, publish to a Parquet partition, \
            the SQLite table and a console notification) → where everything went. The demo stays local whatever \
            the settings file says. Re-running it is idempotent: the slot's outputs are replaced.
            """)

    @OptionGroup var global: GlobalOptions

    @Option(help: "Folder with the bundled sample.")
    var sample: String = "data/sample"

    @Option(help: "Where the demo writes everything when --data-dir is not given: <out>/data and <out>/backtest.")
    var out: String = "demo-output"

    @Flag(help: "Skip the backtest summary (faster).")
    var skipBacktest = false

    func run() async throws {
        let started = Date()
        // Only an explicit --data-dir moves the demo; storage.data_dir and DARTCAST_DATA_DIR are for production runs.
        let dataDir = URL(fileURLWithPath: global.dataDir ?? URL(fileURLWithPath: out).appendingPathComponent("data").path)
        let reportDir = global.dataDir == nil ? URL(fileURLWithPath: out).appendingPathComponent("backtest") : dataDir.appendingPathComponent("backtest")
        let logger = global.makeLogger(label: "dartcast.demo")
        let loaded = try DemoRun.settings(from: try global.loadSettings())
        let workspace = try Workspace(loaded: loaded, dataDirectory: dataDir, logger: logger)
        let demo = DemoRun(workspace: workspace) { print($0.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n")) }
        var sections = DemoSections()
        func step(_ title: String) { sections.start(title) }

        step("1. ingest the bundled real ERCOT sample (\(sample))")
        let store = try workspace.marketStore()
        let files = ["dart_hourly_15sp_2024-01_2025-03.csv.gz", "wind_solar_forecasts_hourly_2024.csv.gz",
                     "load_actual_hourly_by_weatherzone_2023-11_2025-02.csv.gz"]
        for file in files {
            let url = URL(fileURLWithPath: sample).appendingPathComponent(file)
            guard FileManager.default.fileExists(atPath: url.path) else {
                throw ValidationError("\(url.path) is missing; run the demo from the repository root or pass --sample")
            }
            let report = try store.ingest(file: url, options: IngestOptions())
            print("  \(report.file): read \(report.rowsRead), inserted \(report.inserted), updated \(report.updated), unchanged \(report.unchanged), rejected \(report.rejected)")
        }

        step("2. data status")
        print(PointStatus.table(try store.status(), allGaps: false).split(separator: "\n").prefix(17).joined(separator: "\n"))
        print("  (`dartcast data status --data-dir \(dataDir.path)` lists every gap)")

        let issue = try demo.issueUTC(store: store)
        let zone = workspace.rules.timeZone
        let lastDay = zone.operatingDay(containing: issue)
        if !skipBacktest {
            try backtest(demo, store: store, lastDay: lastDay, folder: reportDir, step: step)
        }

        step("4. production run (job \(DemoRun.job)): train on everything known at \(UTCFormat.iso8601(issue)), predict operating day \(lastDay.adding(days: 1)), publish")
        let result = try await demo.run(issueUTC: issue)
        print(RunRecordText.render(result.record, deliveries: result.deliveries).split(separator: "\n").map { "  " + $0 }.joined(separator: "\n"))
        let firstPoint = result.rows.first?.settlementPoint
        let ensembleRows = result.rows.filter { $0.modelFamily == "ensemble" }
        let shown = (ensembleRows.isEmpty ? result.rows : ensembleRows).filter { $0.settlementPoint == firstPoint }
        if !shown.isEmpty {
            print("\n  forecast for \(firstPoint ?? "")  (all points: the Parquet partition and the SQLite table below)")
            print(ForecastRowText.render(shown, format: .table).split(separator: "\n").map { "  " + $0 }.joined(separator: "\n"))
        }

        sections.finish()
        print("\n== done")
        let outputs = demo.outputs(of: result.record, issueUTC: issue)
        var lines = [
            "  data dir         \(outputs.dataDirectory.path)",
            "  run              \(outputs.runID)   (dartcast runs show \(outputs.runID) --data-dir \(dataDir.path))",
            "  run log          \(outputs.logFile?.path ?? "none")",
            "  outbox copy      \(outputs.outbox.path)",
            "  Parquet          \(outputs.partition.path)/",
            "  manifest         \(outputs.manifest.path)",
            "  SQLite table     \(outputs.sqliteFile.path) table \(outputs.sqlTable)",
            "  model registry   \(outputs.registry.path)   (dartcast models list --data-dir \(dataDir.path))",
            "  market store     \(outputs.marketStore.path)",
        ]
        if !skipBacktest { lines.append("  backtest report  \(reportDir.appendingPathComponent("backtest.html").path)") }
        print(lines.joined(separator: "\n"))
        print(String(format: "total %.1f s", Date().timeIntervalSince(started)))
        if result.record.status != .succeeded { throw ExitCode(1) }
    }

    /// The demo's walk-forward backtest (`DemoRun.backtest`), with its section and score table.
    private func backtest(_ demo: DemoRun, store: MarketStore, lastDay: OperatingDay, folder: URL, step: (String) -> Void) throws {
        let days = DemoRun.backtestDays(lastDay: lastDay)
        step("3. walk-forward backtest summary: day-ahead, \(days.from) … \(days.to), monthly refits")
        let result = try demo.backtest(store: store, lastDay: lastDay, folder: folder) { print("  " + $0) }
        print(BacktestReport.table(result).split(separator: "\n").map { "  " + $0 }.joined(separator: "\n"))
    }
}

/// The demo's sections: `== title` when one starts, and `  took 41.2 s` (that section's own
/// duration) when the next one starts or the demo finishes.
struct DemoSections {
    private let now: () -> Date
    private var current: (title: String, started: Date)?

    init(now: @escaping () -> Date = Date.init) { self.now = now }

    mutating func start(_ title: String) {
        finish()
        print("\n== \(title)")
        current = (title, now())
    }

    /// Prints the running section's duration, if one runs.
    mutating func finish() {
        guard let current else { return }
        print(String(format: "  took %.1f s", now().timeIntervalSince(current.started)))
        self.current = nil
    }
}
