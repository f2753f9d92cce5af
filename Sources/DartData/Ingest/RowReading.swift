import DartCore

/// Typed reads of one row's fields; each failure names the column and the value.
extension CSVFields {
    @inline(__always) func field(_ column: Column) throws(RowProblem) -> UnsafeBufferPointer<UInt8> {
        guard column.index < count else {
            throw RowProblem(code: .missingColumn, column: column.name, value: "",
                problem: "the row has \(count) fields, so column '\(column.name)' (field \(column.index + 1)) is missing",
                fix: "give every row as many fields as the header")
        }
        return bytes(column.index)
    }

    /// A finite number.
    func number(_ column: Column) throws(RowProblem) -> Double {
        let bytes = try field(column)
        guard let value = ByteParsing.double(bytes) else {
            throw RowProblem(code: .unparsableNumber, column: column.name, value: String(decoding: bytes, as: UTF8.self),
                problem: bytes.isEmpty ? "the value is empty" : "not a finite number",
                fix: "write a decimal number such as -12.5 (no NaN, no blanks)")
        }
        return value
    }

    /// A price in $/MWh within the allowed range.
    func price(_ column: Column, range: ClosedRange<Double>) throws(RowProblem) -> Double {
        let value = try number(column)
        guard range.contains(value) else {
            throw RowProblem(code: .priceOutOfRange, column: column.name, value: text(column.index),
                problem: "price outside \(range.lowerBound)…\(range.upperBound) $/MWh",
                fix: "check the units and the column; ERCOT prices stay within the $5,000 cap plus adders")
        }
        return value
    }

    func day(_ column: Column) throws(RowProblem) -> OperatingDay {
        let bytes = try field(column)
        guard let day = ByteParsing.day(bytes) else {
            throw RowProblem(code: .invalidDate, column: column.name, value: String(decoding: bytes, as: UTF8.self),
                problem: "not a real date", fix: "write YYYY-MM-DD or MM/DD/YYYY")
        }
        return day
    }

    /// Hour ending 1…24 (`7`, `07`, `07:00`).
    func hourEnding(_ column: Column) throws(RowProblem) -> Int {
        let bytes = try field(column)
        if let value = ByteParsing.int(bytes), (1...24).contains(value) { return value }
        if let value = HourEndingLabel.parse(String(decoding: bytes, as: UTF8.self)) { return value }
        throw RowProblem(code: .invalidHourLabel, column: column.name, value: String(decoding: bytes, as: UTF8.self),
            problem: "hour ending must be 1…24 (or 01:00…24:00)", fix: "correct the hour ending")
    }

    /// A repeated-hour flag (Y/N, True/False); a missing column means N.
    func repeatedFlag(_ column: Column?) throws(RowProblem) -> Bool {
        guard let column else { return false }
        let bytes = try field(column)
        if bytes.count == 1 {
            if bytes[0] == 0x4E { return false }
            if bytes[0] == 0x59 { return true }
        }
        if let flag = HourEndingLabel.parseRepeatedFlag(String(decoding: bytes, as: UTF8.self)) { return flag }
        throw RowProblem(code: .invalidHourLabel, column: column.name, value: String(decoding: bytes, as: UTF8.self),
            problem: "not a DST flag", fix: "write Y or N (True or False)")
    }

    func utcInstant(_ column: Column) throws(RowProblem) -> Int64 {
        let bytes = try field(column)
        guard let value = ByteParsing.utcInstant(bytes) else {
            throw RowProblem(code: .timestampMismatch, column: column.name, value: String(decoding: bytes, as: UTF8.self),
                problem: "not an ISO-8601 UTC time", fix: "write YYYY-MM-DDTHH:MM:SSZ")
        }
        return value
    }

    /// A settlement point name, interned in `batch`.
    func pointName(_ column: Column, into batch: inout RecordBatch) throws(RowProblem) -> Int32 {
        let bytes = try field(column)
        var valid = !bytes.isEmpty && bytes.count <= 64
        if valid {
            for byte in bytes where !((65...90).contains(byte) || (48...57).contains(byte) || byte == 95 || byte == 45 || byte == 46) {
                valid = false
                break
            }
        }
        guard valid else {
            throw RowProblem(code: .invalidPointName, column: column.name, value: String(decoding: bytes, as: UTF8.self),
                problem: "not a settlement point name", fix: "use ERCOT's name (A–Z, 0–9, _ - .), e.g. HB_HOUSTON")
        }
        return batch.intern(bytes)
    }
}

/// Label → UTC hour start, cached per operating day (rows come in day order), with the exact
/// `MarketTimeZone` error when a label names no real hour.
struct HourLabelResolver {
    let zone: MarketTimeZone
    private var cachedDay = Int.min
    private var utcByHourEnding = [Int64](repeating: -1, count: 25)
    private var repeatedHourEnding = -1
    private var repeatedUTC: Int64 = 0

    init(zone: MarketTimeZone) { self.zone = zone }

    mutating func utcStart(day: OperatingDay, hourEnding: Int, isRepeated: Bool,
                           hourColumn: Column, flagColumn: Column?, flagText: @autoclosure () -> String) throws(RowProblem) -> Int64 {
        if day.daysSinceEpoch != cachedDay { load(day) }
        if isRepeated {
            if hourEnding == repeatedHourEnding { return repeatedUTC }
        } else if utcByHourEnding[hourEnding] >= 0 {
            return utcByHourEnding[hourEnding]
        }
        do {
            return try zone.marketHour(day: day, hourEnding: hourEnding, isRepeatedHour: isRepeated).utcStart
        } catch {
            let onFlag = error.code == .repeatedFlagOnOrdinaryHour
            throw RowProblem(code: .invalidHourLabel,
                column: onFlag ? (flagColumn?.name ?? "DSTFlag") : hourColumn.name,
                value: onFlag ? flagText() : String(hourEnding),
                problem: error.message,
                fix: onFlag ? "set the DST flag to N (Y only on the second copy of the fall-back hour)"
                            : "drop or relabel the row; the hour does not exist on that day")
        }
    }

    /// Reads a row's operating day, hour ending and DST flag and resolves them to the hour start.
    mutating func read(_ fields: CSVFields, date: Column, hourEnding: Column, flag: Column?)
        throws(RowProblem) -> (day: OperatingDay, hourEnding: Int, isRepeated: Bool, utc: Int64) {
        let day = try fields.day(date)
        let hourEndingValue = try fields.hourEnding(hourEnding)
        let repeated = try fields.repeatedFlag(flag)
        let utc = try utcStart(day: day, hourEnding: hourEndingValue, isRepeated: repeated, hourColumn: hourEnding,
                               flagColumn: flag, flagText: flag.map { fields.text($0.index) } ?? "")
        return (day, hourEndingValue, repeated, utc)
    }

    private mutating func load(_ day: OperatingDay) {
        cachedDay = day.daysSinceEpoch
        for index in utcByHourEnding.indices { utcByHourEnding[index] = -1 }
        repeatedHourEnding = -1
        for hour in zone.hours(of: day) {
            if hour.isRepeatedHour {
                repeatedHourEnding = hour.hourEnding
                repeatedUTC = hour.utcStart
            } else {
                utcByHourEnding[hour.hourEnding] = hour.utcStart
            }
        }
    }
}

extension MarketTimeZone {
    /// The UTC instant of a local wall-clock time (seconds since the local epoch). Nil inside
    /// the spring-forward gap. An ambiguous fall-back time maps to the later (standard-time)
    /// instant, so a posting is never treated as known earlier than it could have been.
    func utc(fromLocalWallClock local: Int64) -> Int64? {
        var best: Int64?
        for guess in [offset(atUTC: local - 43_200), offset(atUTC: local + 43_200)] {
            let utc = local - Int64(guess)
            if offset(atUTC: utc) == guess { best = max(best ?? utc, utc) }
        }
        return best
    }
}
