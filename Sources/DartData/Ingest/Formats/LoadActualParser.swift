import DartCore

/// Actual load by weather zone: each zone column becomes series `load_actual_<ZONE>`, posted at
/// the end of the hour (an actual is known only after its hour).
struct LoadActualParser: RowParser {
    /// Weather-zone columns (tidy and ERCOT spellings) and the system total.
    static let zoneColumns = ["COAST", "EAST", "FWEST", "FAR_WEST", "NORTH", "NCENT", "NORTH_C", "SOUTH", "SOUTHERN",
                              "SCENT", "SOUTH_C", "WEST", "ERCOT", "TOTAL"]

    let label: WideHourlyLabel
    let zones: [(column: Column, series: Int32)]
    let seriesNames: [String]
    var lastName: Int32 = -1
    var kind: RecordKind { .exogenous }

    init(header: HeaderColumns, zone: MarketTimeZone) throws(IngestError) {
        label = try WideHourlyLabel(header: header, zone: zone, requireFlag: true)
        var columns: [(Column, Int32)] = []
        var names: [String] = []
        for (index, name) in header.names.enumerated() where Self.zoneColumns.contains(name.uppercased()) {
            names.append("load_actual_" + name.uppercased())
            columns.append((Column(index: index, name: name), Int32(names.count - 1)))
        }
        zones = columns
        seriesNames = names
    }

    mutating func parse(_ fields: CSVFields, line: Int, into batch: inout RecordBatch) throws(RowProblem) {
        if batch.names.isEmpty { for name in seriesNames { _ = batch.intern(name) } }
        let utc = try label.hourUTC(fields)
        var values: [(Int32, Double)] = []
        values.reserveCapacity(zones.count)
        for (column, series) in zones {
            if let value = try WideHourlyLabel.optionalValue(fields, column) { values.append((series, value)) }
        }
        for (series, value) in values {
            batch.append(name: series, time: utc, postedAt: utc + 3600, first: value, line: line)
        }
    }
}
