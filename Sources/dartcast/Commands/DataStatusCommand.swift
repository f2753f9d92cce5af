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
        abstract: "Per settlement point: first and last hour, gaps (hours without a complete DART) and incomplete RT hours.")

    @OptionGroup var global: GlobalOptions

    @Flag(help: "List every gap (default: the first 10 per point).")
    var allGaps = false

    func run() throws {
        let store = try MarketStore(directory: global.resolvedDataDirectory(), logger: global.makeLogger(label: "dartcast.data"))
        let statuses = try store.status()
        guard !statuses.isEmpty else {
            print("The market store at \(store.databaseURL.path) is empty; load data with `dartcast ingest FILE…`.")
            return
        }
        print(Self.render(statuses, allGaps: allGaps))
    }

    /// The status table and, per point, its gaps and incomplete hours.
    static func render(_ statuses: [PointStatus], allGaps: Bool) -> String {
        var table = TextTable(header: ["point", "first hour (UTC)", "last hour (UTC)", "complete", "gap hours", "gaps",
                                       "incomplete RT"], leftAligned: [0, 1, 2])
        for status in statuses {
            table.add([status.point.name, UTCFormat.iso8601(status.firstHourUTC), UTCFormat.iso8601(status.lastHourUTC),
                       String(status.completeHours), String(status.gapHourCount), String(status.gaps.count),
                       String(status.incompleteRTHours.reduce(0) { $0 + $1.hourCount })])
        }
        var lines = [table.render()]
        for status in statuses where !status.gaps.isEmpty || !status.incompleteRTHours.isEmpty {
            lines.append("\n\(status.point.name)")
            let shown = allGaps ? status.gaps : Array(status.gaps.prefix(10))
            for gap in shown { lines.append("  gap        \(gap)  \(gap.localLabels())") }
            if shown.count < status.gaps.count { lines.append("  … \(status.gaps.count - shown.count) more gaps (--all-gaps)") }
            for range in status.incompleteRTHours { lines.append("  incomplete \(range)  \(range.localLabels())") }
        }
        return lines.joined(separator: "\n")
    }
}
