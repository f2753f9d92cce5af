import ArgumentParser
import DartCore
import DartData
import DartModels
import DartPipeline
import DartPublish
import Foundation

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run dartcast end to end on the bundled real ERCOT sample with embedded defaults.",
        discussion: """
            ingest → data status → walk-forward backtest summary → train → predict the next operating day → \
            Parquet partition, SQLite table and a console notification. Re-running it is idempotent.
            """)

    @OptionGroup var global: GlobalOptions

    @Option(help: "Folder with the bundled sample.")
    var sample: String = "data/sample"

    @Option(help: "Where the demo writes everything.")
    var out: String = "demo-output"

    @Flag(help: "Skip the backtest summary (faster).")
    var skipBacktest = false

    func run() async throws {
        let started = Date()
        let outURL = URL(fileURLWithPath: out)
        let dataDir = outURL.appendingPathComponent("data")
        let logger = global.makeLogger(label: "dartcast.demo")
        let loaded = try global.loadSettings()
        let workspace = try Workspace(loaded: loaded, dataDirectory: dataDir, logger: logger)
        func step(_ title: String) { print("\n== \(title) (\(String(format: "%.1f", Date().timeIntervalSince(started))) s)") }

        step("1. ingest the bundled real ERCOT sample (\(sample))")
        let store = try workspace.marketStore()
        let files = ["dart_hourly_15sp_2024-01_2025-03.csv.gz", "wind_solar_forecasts_hourly_2024.csv.gz",
                     "load_actual_hourly_by_weatherzone_2023-11_2025-02.csv.gz"]
        var reports: [IngestReport] = []
        for file in files {
            let url = URL(fileURLWithPath: sample).appendingPathComponent(file)
            guard FileManager.default.fileExists(atPath: url.path) else {
                throw ValidationError("\(url.path) is missing; run the demo from the repository root or pass --sample")
            }
            reports.append(try store.ingest(file: url, options: IngestOptions()))
        }
        for report in reports {
            print("  \(report.file): read \(report.rowsRead), inserted \(report.inserted), updated \(report.updated), unchanged \(report.unchanged), rejected \(report.rejected)")
        }

        step("2. data status")
        let statuses = try store.status()
        print(DataStatusCommand.render(statuses, allGaps: false).split(separator: "\n").prefix(17).joined(separator: "\n"))
        print("  (`dartcast data status --data-dir \(dataDir.path)` lists every gap)")

        let zone = workspace.rules.timeZone
        let lastHour = statuses.map(\.lastHourUTC).max() ?? 0
        let lastDay = zone.operatingDay(containing: lastHour)
        let issue = workspace.rules.issueTimes(.dayahead, from: lastDay, through: lastDay)[0]
        let points = try workspace.points(in: store)

        if !skipBacktest {
            let from = OperatingDay(year: lastDay.year, month: lastDay.month, day: 1)!.adding(days: -1)
            let backtestFrom = OperatingDay(year: from.year, month: from.month, day: 1)!
            step("3. walk-forward backtest summary: day-ahead, \(backtestFrom) … \(lastDay), monthly refits")
            let history = try store.loadHistory(points: points, fromUTC: zone.startOfDayUTC(backtestFrom.adding(days: -(365 + 40))),
                                                toUTC: zone.startOfDayUTC(lastDay.adding(days: 2)))
            let configuration = BacktestConfiguration(product: .dayahead, from: backtestFrom, to: lastDay, refit: .monthly,
                                                      families: workspace.families.families(),
                                                      trainingWindowDays: workspace.settings.models.trainingWindowDays)
            let backtest = WalkForwardBacktest(rules: workspace.rules, families: workspace.families, logger: logger) { print("  " + $0) }
            let (result, forecasts) = try backtest.run(history: history, builder: try workspace.featureBuilder(pointCategories: points),
                                                       configuration: configuration)
            let folder = outURL.appendingPathComponent("backtest")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try BacktestReport.json(result).write(to: folder.appendingPathComponent("backtest.json"), options: .atomic)
            try Data(BacktestReport.html(result, forecasts: forecasts).utf8).write(to: folder.appendingPathComponent("backtest.html"), options: .atomic)
            print(BacktestReport.table(result).split(separator: "\n").map { "  " + $0 }.joined(separator: "\n"))
        }

        step("4. train the day-ahead models on everything known at \(UTCFormat.iso8601(issue))")
        let training = try TrainingService(workspace: workspace).train(product: .dayahead, cutoffUTC: issue, actor: "dartcast demo")
        print(training.text.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n"))

        step("5. predict operating day \(lastDay.adding(days: 1)) (issued \(UTCFormat.iso8601(issue)), 05:00 CT the day before)")
        let prediction = try PredictionService(workspace: workspace).predict(product: .dayahead, issueUTC: issue)
        let ensembleRows = prediction.rows.filter { $0.modelFamily == "ensemble" }
        let shown = ensembleRows.isEmpty ? prediction.rows : ensembleRows
        print(ForecastRowFormatter.render(Array(shown.filter { $0.settlementPoint == points.first?.name }), format: .table)
            .split(separator: "\n").map { "  " + $0 }.joined(separator: "\n"))
        print("  … \(prediction.rows.count) rows in all (\(prediction.points.count) points × hours × \(prediction.versions.count) models)")

        step("6. publish: Parquet partition, SQLite table, notification")
        let runID = "demo-\(UTCFormat.iso8601(issue).replacingOccurrences(of: ":", with: ""))"
        let now = Int64(Date().timeIntervalSince1970)
        let objectRoot = dataDir.appendingPathComponent(workspace.settings.storage.objectStore.path)
        let publisher = PartitionPublisher(store: FileObjectStore(root: objectRoot), layout: .hive, compression: .zstd)
        let manifest = try await publisher.publish(rows: prediction.rows, product: "dayahead", issueUTC: issue, runID: runID, createdAtUTC: now)
        let sqlite = try SQLitePredictionSink(path: dataDir.appendingPathComponent(workspace.settings.sql.sqlitePath),
                                              table: workspace.settings.sql.table)
        _ = try await sqlite.upsert(rows: prediction.rows, runID: runID, createdAtUTC: now)
        let values = shown.map(\.prediction)
        try await ConsoleNotifier { print($0.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n")) }.send(RunNotification(
            runID: runID, job: "demo", product: "dayahead", outcome: .succeeded, slotUTC: issue, issueTimeUTC: issue,
            points: prediction.points.map(\.name), rowCount: prediction.rows.count,
            summary: ["mean_prediction": values.reduce(0, +) / Double(max(values.count, 1)), "min": values.min() ?? 0, "max": values.max() ?? 0]))

        step("done")
        print("""
          market store     \(store.databaseURL.path)
          model registry   \(dataDir.appendingPathComponent("registry").path)   (dartcast models list --data-dir \(dataDir.path))
          Parquet          \(objectRoot.appendingPathComponent(manifest.partition).path)/ (\(manifest.rows) rows, manifest _manifest.json)
          SQLite table     \(sqlite.path.path) table \(workspace.settings.sql.table) (\(try await sqlite.rowCount()) rows)
        """ + (skipBacktest ? "" : "\n  backtest report  \(outURL.appendingPathComponent("backtest/backtest.html").path)"))
        print(String(format: "total %.1f s", Date().timeIntervalSince(started)))
    }
}
