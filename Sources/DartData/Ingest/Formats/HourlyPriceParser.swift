import DartCore

/// Hourly DAM (and optionally RT and DART) rows: the tidy DART and DAM layouts and both
/// NP4-190-CD layouts.
struct HourlyPriceParser: RowParser {
    let date: Column, hourEnding: Column, flag: Column?, timestamp: Column?
    let point: Column, dam: Column, rtm: Column?, dart: Column?
    let priceRange: ClosedRange<Double>
    let dartTolerance: Double
    var hours: HourLabelResolver
    var lastName: Int32 = -1

    init(date: Column, hourEnding: Column, flag: Column?, timestamp: Column?, point: Column, dam: Column,
         rtm: Column?, dart: Column?, options: IngestOptions, zone: MarketTimeZone) {
        self.date = date; self.hourEnding = hourEnding; self.flag = flag; self.timestamp = timestamp
        self.point = point; self.dam = dam; self.rtm = rtm; self.dart = dart
        priceRange = options.validPriceRange
        dartTolerance = options.dartTolerance
        hours = HourLabelResolver(zone: zone)
    }

    var kind: RecordKind { .hourlyPrice(suppliesDAM: true, suppliesRTM: rtm != nil) }

    mutating func parse(_ fields: CSVFields, line: Int, into batch: inout RecordBatch) throws(RowProblem) {
        lastName = -1
        let pointIndex = try fields.pointName(point, into: &batch)
        lastName = pointIndex
        let (day, hourEndingValue, repeated, utc) = try hours.read(fields, date: date, hourEnding: hourEnding, flag: flag)
        if let timestamp {
            let stated = try fields.utcInstant(timestamp)
            guard stated == utc else {
                throw RowProblem(code: .timestampMismatch, column: timestamp.name, value: fields.text(timestamp.index),
                    problem: "the label \(day) HE\(hourEndingValue) \(repeated ? "Y" : "N") starts at \(UTCFormat.iso8601(utc))",
                    fix: "make timestamp_utc the UTC start of the labelled hour, or fix the label")
            }
        }
        let damPrice = try fields.price(dam, range: priceRange)
        var rtmPrice = Double.nan
        if let rtm { rtmPrice = try fields.price(rtm, range: priceRange) }
        if let dart {
            let stated = try fields.number(dart)
            guard abs(stated - (damPrice - rtmPrice)) <= dartTolerance else {
                throw RowProblem(code: .dartMismatch, column: dart.name, value: fields.text(dart.index),
                    problem: "dart must equal dam − rtm = \(damPrice - rtmPrice) within $\(dartTolerance)",
                    fix: "recompute dart as dam_price − rtm_price (DA minus RT)")
            }
        }
        batch.append(name: pointIndex, time: utc, first: damPrice, second: rtmPrice, line: line)
    }
}
