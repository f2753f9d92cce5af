import DartCore

extension PointStatus {
    /// `dartcast data status`'s table and, per point, its gaps (the first 10 unless `allGaps`) and
    /// incomplete hours.
    public static func table(_ statuses: [PointStatus], allGaps: Bool) -> String {
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
