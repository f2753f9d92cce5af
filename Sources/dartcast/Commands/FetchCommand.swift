import ArgumentParser
import DartConfig
import DartCore
import DartData
import Foundation

/// `dartcast fetch ercot`: reads ERCOT's Public Reports API into the market store.
struct FetchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fetch",
        abstract: "Fetch market data from a remote source into the market store.",
        subcommands: [FetchERCOTCommand.self])
}

struct FetchERCOTCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ercot",
        abstract: "Fetch ERCOT's Public Reports API (DAM and 15-minute RT prices, load, wind and solar forecasts) into the market store.",
        discussion: """
            Uses `sources.ercot` from the settings (or its defaults when the section is absent); the subscription key, \
            username and password come from the environment or .env (docs/data.md § ERCOT API). Without --from, each \
            report continues from its watermark (first call: the last `initial_days` days), so a second call fetches \
            only what is new. Every page is stored in one transaction and watermarks move only after a report's pages \
            are stored: an interrupted fetch can simply be run again.
            """)

    @OptionGroup var global: GlobalOptions

    @Option(help: "Comma-separated EMIL ids (default: sources.ercot.reports): \(ERCOTSourceSettings.Report.allCases.map(\.rawValue).joined(separator: ", ")).")
    var reports: String?

    @Option(help: "First delivery day, YYYY-MM-DD (Central). Default: each report's watermark.")
    var from: String?

    @Option(help: "Last delivery day, YYYY-MM-DD (Central). Default: everything published.")
    var to: String?

    @Flag(help: "Read ERCOT's historic files (zip, MIS layout) posted from --from on instead: history older than the API's range (NP4-190-CD, NP6-905-CD).")
    var archive = false

    @Flag(help: "No progress display.")
    var quiet = false

    func run() async throws {
        let workspace = try global.workspace(label: "dartcast.fetch")
        let settings = workspace.settings.sources.ercot ?? ERCOTSourceSettings()
        let request = ERCOTSource.Request(reports: try parsedReports(), from: try day(from, "--from"), to: try day(to, "--to"))
        let source = ERCOTSource(settings: settings, secrets: workspace.loaded.secrets, points: workspace.settings.market.settlementPoints,
                                 zone: workspace.rules.timeZone, dataDirectory: workspace.dataDirectory, logger: workspace.logger,
                                 now: workspace.now)
        let display = FetchProgressDisplay(enabled: !quiet)
        let started = Date()
        let outcome: ERCOTSource.Outcome
        do {
            let store = try workspace.marketStore()
            outcome = archive ? try await source.fetchArchive(request, into: store) { display.show($0) }
                : try await source.fetch(request, into: store) { display.show($0) }
        } catch {
            display.finish()
            throw error
        }
        display.finish()
        print(Self.summary(outcome, seconds: Date().timeIntervalSince(started)))
    }

    private func parsedReports() throws -> [ERCOTSourceSettings.Report]? {
        guard let reports else { return nil }
        return try reports.split(separator: ",").map { name in
            guard let report = ERCOTSourceSettings.Report(rawValue: name.trimmingCharacters(in: .whitespaces).uppercased()) else {
                throw ValidationError("--reports: unknown report \"\(name)\"; choose from \(ERCOTSourceSettings.Report.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return report
        }
    }

    private func day(_ text: String?, _ flag: String) throws -> OperatingDay? {
        guard let text else { return nil }
        guard let day = OperatingDay(text) else { throw ValidationError("\(flag): \"\(text)\" is not a date YYYY-MM-DD") }
        return day
    }

    static func summary(_ outcome: ERCOTSource.Outcome, seconds: Double) -> String {
        var table = TextTable(header: ["report", "pages", "rows read", "inserted", "updated", "unchanged", "skipped"])
        for report in outcome.reports {
            table.add(report.notDue ? [report.report, "not due yet"]
                : [report.report] + [report.pages, report.rowsRead, report.inserted, report.updated, report.unchanged, report.skipped].map(String.init))
        }
        let totals = String(format: "%d requests (%d retried, %d throttled), %d token%@, %.1f s", outcome.requests, outcome.retries,
                            outcome.throttled, outcome.tokensFetched, outcome.tokensFetched == 1 ? "" : "s", seconds)
        return table.render() + "\n" + totals
    }
}

/// One progress line on stderr, rewritten in place on a terminal and printed per finished series otherwise.
final class FetchProgressDisplay: @unchecked Sendable {
    private let enabled: Bool
    private let isTerminal = isatty(STDERR_FILENO) == 1
    private let lock = NSLock()
    private var pending = false

    init(enabled: Bool) { self.enabled = enabled }

    func show(_ progress: ERCOTSource.Progress) {
        guard enabled else { return }
        let line = "\(progress.report) \(progress.series): page \(progress.page)/\(progress.totalPages), \(progress.rowsStored) rows stored, \(progress.requests) requests"
        lock.withLock {
            if isTerminal {
                FileHandle.standardError.write(Data(("\r\u{1B}[K" + line).utf8))
                pending = true
            } else if progress.page == progress.totalPages {
                FileHandle.standardError.write(Data((line + "\n").utf8))
            }
        }
    }

    func finish() {
        lock.withLock {
            if pending { FileHandle.standardError.write(Data("\n".utf8)) }
            pending = false
        }
    }
}
