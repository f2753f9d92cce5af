import DartCore

/// Wind/solar forecasts: `<kind>_<measure>_dayahead_mw` columns become series `<kind>_<measure>`
/// posted at `<kind>_dayahead_posted_local` (local Chicago time, converted to UTC);
/// `<kind>_<measure>_final_mw` columns become `<kind>_<measure>_final`, posted at the end of the
/// target hour so a forecast can never use them before the hour is over.
struct WindSolarParser: RowParser {
    struct DayAheadGroup {
        let posted: Column
        let values: [(column: Column, series: Int32)]
    }

    let label: WideHourlyLabel
    let dayAhead: [DayAheadGroup]
    let finals: [(column: Column, series: Int32)]
    let seriesNames: [String]
    var lastName: Int32 = -1
    var kind: RecordKind { .exogenous }

    init(header: HeaderColumns, zone: MarketTimeZone) throws(IngestError) {
        label = try WideHourlyLabel(header: header, zone: zone, requireFlag: false)
        var names: [String] = []
        func series(_ name: String) -> Int32 {
            names.append(name)
            return Int32(names.count - 1)
        }
        var groups: [DayAheadGroup] = []
        var finalColumns: [(Column, Int32)] = []
        for (index, name) in header.names.enumerated() {
            let lower = name.lowercased()
            if lower.hasSuffix("_final_mw") {
                finalColumns.append((Column(index: index, name: name), series(String(lower.dropLast(3)))))
            }
            guard lower.hasSuffix("_dayahead_posted_local") else { continue }
            let kindPrefix = String(lower.dropLast("_dayahead_posted_local".count)) + "_"
            var values: [(Column, Int32)] = []
            for (valueIndex, valueName) in header.names.enumerated() {
                let valueLower = valueName.lowercased()
                if valueLower.hasPrefix(kindPrefix), valueLower.hasSuffix("_dayahead_mw") {
                    values.append((Column(index: valueIndex, name: valueName),
                                   series(String(valueLower.dropLast("_dayahead_mw".count)))))
                }
            }
            groups.append(DayAheadGroup(posted: Column(index: index, name: name), values: values))
        }
        dayAhead = groups
        finals = finalColumns
        seriesNames = names
    }

    mutating func parse(_ fields: CSVFields, line: Int, into batch: inout RecordBatch) throws(RowProblem) {
        if batch.names.isEmpty { for name in seriesNames { _ = batch.intern(name) } }
        let utc = try label.hourUTC(fields)
        // Read the whole row before appending, so a bad cell leaves the batch untouched.
        var pending: [(series: Int32, posted: Int64, value: Double)] = []
        for group in dayAhead {
            var values: [(Int32, Double)] = []
            for (column, series) in group.values {
                if let value = try WideHourlyLabel.optionalValue(fields, column) { values.append((series, value)) }
            }
            guard !values.isEmpty else { continue }
            let postedBytes = try fields.field(group.posted)
            guard let local = ByteParsing.localWallClock(postedBytes), let posted = label.zone.utc(fromLocalWallClock: local) else {
                throw RowProblem(code: .invalidPostingTime, column: group.posted.name, value: fields.text(group.posted.index),
                    problem: "a forecast value needs its posting time (local Chicago time YYYY-MM-DD HH:MM:SS that exists)",
                    fix: "fill in the posting time, or blank the forecast values of this row")
            }
            for (series, value) in values { pending.append((series, posted, value)) }
        }
        for (column, series) in finals {
            if let value = try WideHourlyLabel.optionalValue(fields, column) { pending.append((series, utc + 3600, value)) }
        }
        for record in pending {
            batch.append(name: record.series, time: utc, postedAt: record.posted, first: record.value, line: line)
        }
    }
}
