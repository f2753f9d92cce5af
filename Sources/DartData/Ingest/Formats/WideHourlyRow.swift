import DartCore

/// Shared reads for wide hourly files (one row per hour, one column per series): the label
/// must agree with `timestamp_utc`, and an empty value cell means "nothing posted" for that series.
struct WideHourlyLabel {
    let date: Column, hourEnding: Column, timestamp: Column
    let flag: Column?
    let zone: MarketTimeZone

    /// The label columns of a wide file; `dst_flag` is optional unless `requireFlag`.
    init(header: HeaderColumns, zone: MarketTimeZone, requireFlag: Bool) throws(IngestError) {
        date = try header.require("delivery_date")
        hourEnding = try header.require("hour_ending")
        timestamp = try header.require("timestamp_utc")
        flag = requireFlag ? try header.require("dst_flag") : header.optional("dst_flag")
        self.zone = zone
    }

    /// The row's hour start, checked against the label.
    func hourUTC(_ fields: CSVFields) throws(RowProblem) -> Int64 {
        let day = try fields.day(date)
        let hourEndingValue = try fields.hourEnding(hourEnding)
        let utc = try fields.utcInstant(timestamp)
        let hour = zone.marketHour(containing: utc)
        var repeatedMatches = true
        if let flag { repeatedMatches = try fields.repeatedFlag(flag) == hour.isRepeatedHour }
        guard utc % 3600 == 0, hour.operatingDay == day, hour.hourEnding == hourEndingValue, repeatedMatches else {
            throw RowProblem(code: .timestampMismatch, column: timestamp.name, value: fields.text(timestamp.index),
                problem: "that instant is \(hour), not the labelled \(day) HE\(hourEndingValue)",
                fix: "make timestamp_utc the UTC start of the labelled hour, or fix the label")
        }
        return utc
    }

    /// A value cell: nil when empty (not posted), else a finite number.
    static func optionalValue(_ fields: CSVFields, _ column: Column) throws(RowProblem) -> Double? {
        let bytes = try fields.field(column)
        if bytes.isEmpty { return nil }
        return try fields.number(column)
    }
}
