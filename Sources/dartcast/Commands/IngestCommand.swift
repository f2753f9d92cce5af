import ArgumentParser
import DartData
import Foundation

struct IngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Load market CSV files (tidy sample layouts, ERCOT NP4-190-CD / NP6-905-CD; .gz accepted) into the market store.",
        discussion: """
            The layout is detected from the header. Each file is one transaction: a malformed row stops that file \
            and nothing from it is stored, unless --skip-bad-rows is given. Re-ingesting a file changes nothing; \
            corrected values replace stored ones and are counted as updated. A file with a header and no data rows \
            stores nothing and is a warning; a file whose every row --skip-bad-rows rejected is an error (exit status 1).
            """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: "CSV files to ingest (.csv or .csv.gz).")
    var files: [String]

    @Flag(help: "Write malformed rows to the rejects file and store the rest.")
    var skipBadRows = false

    @Option(help: "Rejects CSV path (default: <data-dir>/rejects/<file>.rejects.csv).")
    var rejects: String?

    func run() throws {
        let store = try global.workspace(label: "dartcast.ingest").marketStore()
        let options = IngestOptions(skipBadRows: skipBadRows, rejectsPath: rejects)
        var reports: [IngestReport] = []
        var failures: [String] = []
        for file in files {
            do {
                reports.append(try store.ingest(file: URL(fileURLWithPath: file), options: options))
            } catch {
                failures.append("\(error)")
            }
        }
        if !reports.isEmpty { print(IngestReport.table(reports)) }
        for report in reports where report.rejected > 0 {
            print("\(report.file): \(report.rejected) rejected rows written to \(report.rejectsPath ?? "-")")
        }
        for report in reports where report.hoursIncomplete > 0 {
            print("\(report.file): \(report.hoursIncomplete) hours have fewer than four RT intervals (RT left empty; not a target)")
        }
        // A header-only file is a warning; a file whose every row was rejected fails the command.
        for message in reports.compactMap(\.nothingStoredMessage) { printToStandardError(message) }
        for failure in failures { printToStandardError("error: \(failure)") }
        if !failures.isEmpty || reports.contains(where: { $0.nothingStored == .allRejected }) { throw ExitCode.failure }
    }
}
