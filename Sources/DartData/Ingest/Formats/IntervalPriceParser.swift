import DartCore

/// 15-minute RT settlement point prices: the tidy layout and NP6-905-CD.
struct IntervalPriceParser: RowParser {
    let date: Column, hour: Column, interval: Column, flag: Column, timestamp: Column?
    let point: Column, price: Column
    let priceRange: ClosedRange<Double>
    var hours: HourLabelResolver
    var lastName: Int32 = -1

    init(date: Column, hour: Column, interval: Column, flag: Column, timestamp: Column?, point: Column, price: Column,
         options: IngestOptions, zone: MarketTimeZone) {
        self.date = date; self.hour = hour; self.interval = interval; self.flag = flag
        self.timestamp = timestamp; self.point = point; self.price = price
        priceRange = options.validPriceRange
        hours = HourLabelResolver(zone: zone)
    }

    var kind: RecordKind { .rtInterval }

    mutating func parse(_ fields: CSVFields, line: Int, into batch: inout RecordBatch) throws(RowProblem) {
        lastName = -1
        let pointIndex = try fields.pointName(point, into: &batch)
        lastName = pointIndex
        let (day, hourEnding, _, hourUTC) = try hours.read(fields, date: date, hourEnding: hour, flag: flag)
        let intervalBytes = try fields.field(interval)
        guard let intervalNumber = ByteParsing.int(intervalBytes), (1...4).contains(intervalNumber) else {
            throw RowProblem(code: .invalidInterval, column: interval.name, value: fields.text(interval.index),
                problem: "the interval must be 1…4 (15-minute intervals of the hour)", fix: "correct the interval number")
        }
        let intervalUTC = hourUTC + Int64(intervalNumber - 1) * 900
        if let timestamp {
            let stated = try fields.utcInstant(timestamp)
            guard stated == intervalUTC else {
                throw RowProblem(code: .timestampMismatch, column: timestamp.name, value: fields.text(timestamp.index),
                    problem: "the label \(day) HE\(hourEnding) interval \(intervalNumber) starts at \(UTCFormat.iso8601(intervalUTC))",
                    fix: "make interval_start_utc the UTC start of the labelled interval, or fix the label")
            }
        }
        let value = try fields.price(price, range: priceRange)
        batch.append(name: pointIndex, time: intervalUTC, first: value, line: line)
    }
}
