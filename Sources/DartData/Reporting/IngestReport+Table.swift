import DartCore

extension IngestReport {
    /// The reports of several files as one table: a line per point or series per file, then a total.
    public static func table(_ reports: [IngestReport]) -> String {
        var table = TextTable(header: ["file", "point/series", "read", "inserted", "updated", "unchanged", "rejected",
                                       "first hour (UTC)", "last hour (UTC)"], leftAligned: [0, 1, 7, 8])
        var total = Entry(name: "total")
        var rowsRead = 0
        for report in reports {
            rowsRead += report.rowsRead
            if report.entries.isEmpty {
                table.add([report.file, report.rowsRead == 0 ? "(no data rows)" : "-", String(report.rowsRead), "0", "0", "0", String(report.rejected), "-", "-"])
            }
            for entry in report.entries {
                table.add([report.file, entry.name, String(entry.rowsRead), String(entry.inserted), String(entry.updated),
                           String(entry.unchanged), String(entry.rejected),
                           entry.firstUTC.map(UTCFormat.iso8601) ?? "-", entry.lastUTC.map(UTCFormat.iso8601) ?? "-"])
                total.inserted += entry.inserted
                total.updated += entry.updated
                total.unchanged += entry.unchanged
                if let first = entry.firstUTC { total.see(first) }
                if let last = entry.lastUTC { total.see(last) }
            }
            total.rejected += report.rejected
        }
        table.add(["total (\(reports.count) file\(reports.count == 1 ? "" : "s"))", "", "\(rowsRead) rows",
                   String(total.inserted), String(total.updated), String(total.unchanged), String(total.rejected),
                   total.firstUTC.map(UTCFormat.iso8601) ?? "-", total.lastUTC.map(UTCFormat.iso8601) ?? "-"])
        return table.render()
    }
}
