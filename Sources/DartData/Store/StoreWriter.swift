import DartCore
import GRDB

/// Writes one file's records inside the caller's transaction. Records arrive in key order, all
/// at once or in chunks while the file is still being parsed; each piece is diffed against the
/// stored rows of its key range (a merge of two key-ordered streams): new keys go through a
/// multi-row INSERT, changed ones through one prepared upsert that overwrites only the columns the
/// file supplies, unchanged ones are not touched.
final class StoreWriter {
    struct Counts {
        var inserted = 0
        var updated = 0
        var unchanged = 0
    }

    /// Stored rows of one name in a key range, column-wise (reused between ranges).
    private struct Existing {
        var time: [Int64] = []
        var postedAt: [Int64] = []
        var first: [Double] = []
        var second: [Double] = []
        var intervals: [Int64] = []

        mutating func removeAll() {
            time.removeAll(keepingCapacity: true); postedAt.removeAll(keepingCapacity: true)
            first.removeAll(keepingCapacity: true); second.removeAll(keepingCapacity: true)
            intervals.removeAll(keepingCapacity: true)
        }
    }

    let kind: RecordKind
    private let db: Database
    private let sourceID: Int64
    private let zone: MarketTimeZone
    private let insert: BatchedInsert
    private let upsert: SQLiteStatement
    private let fetch: SQLiteStatement
    /// Store id per batch name index.
    private var ids: [Int64] = []
    private var counts: [Counts] = []
    /// RT interval files: per name index, the hour starts whose intervals changed, ascending.
    private var touchedHours: [[Int64]] = []
    /// Range of hour starts labelled in `market_hour` during this write (empty while first > last).
    private var firstHour = Int64.max
    private var lastHour = Int64.min
    /// Buffers of the last `fetchExisting`, handed back after use so ranges reuse their capacity.
    private var existingBuffers = Existing()

    init(db: Database, sourceID: Int64, kind: RecordKind, zone: MarketTimeZone) throws(MarketStoreError) {
        self.db = db
        self.sourceID = sourceID
        self.kind = kind
        self.zone = zone
        insert = try BatchedInsert(db, table: Self.table(kind), columns: Self.columns(kind))
        upsert = try SQLiteStatement(db, Self.upsertSQL(kind))
        fetch = try SQLiteStatement(db, Self.existingSQL(kind))
    }

    /// Number of names registered so far; names are batch name indices `0..<registeredNames`.
    var registeredNames: Int { ids.count }

    /// Registers the next batch names (points or series), creating their store ids when new.
    func register(names: some Collection<String>) throws(MarketStoreError) {
        ids += try storeIDs(for: names, table: kind == .exogenous ? "exogenous_series" : "settlement_point")
        counts += Array(repeating: Counts(), count: names.count)
        touchedHours += Array(repeating: [], count: names.count)
    }

    /// Writes the records `order` of `batch`: key order, one per key, names registered.
    func write<Order: RandomAccessCollection<Int>>(_ batch: RecordBatch, order: Order) throws(MarketStoreError)
        where Order.Index == Int {
        var groupStart = order.startIndex
        while groupStart < order.endIndex {
            let name = Int(batch.name[order[groupStart]])
            var groupEnd = groupStart
            while groupEnd < order.endIndex, batch.name[order[groupEnd]] == name { groupEnd += 1 }
            try writeGroup(batch, order[groupStart..<groupEnd], name: name)
            groupStart = groupEnd
        }
    }

    /// Writes what is pending, recomputes hourly RT of the hours whose intervals changed, labels
    /// the hours written, and fills the report's counts and per-name entries.
    func finish(_ parsed: ParsedFile, into report: inout IngestReport) throws(MarketStoreError) {
        try insert.flush()
        for name in touchedHours.indices where !touchedHours[name].isEmpty {
            try refreshHourlyRT(pointID: ids[name], hours: touchedHours[name], report: &report)
        }

        let batch = parsed.batch
        var entries = batch.names.map { IngestReport.Entry(name: $0) }
        for index in 0..<batch.count {
            let name = Int(batch.name[index])
            entries[name].rowsRead += 1
            entries[name].see(batch.kind == .rtInterval ? batch.time[index] - batch.time[index] % 3600 : batch.time[index])
        }
        for (name, count) in counts.enumerated() {
            entries[name].inserted = count.inserted
            entries[name].updated = count.updated
            entries[name].unchanged = count.unchanged
        }
        var unknownRejects = IngestReport.Entry(name: "(unknown)")
        for reject in parsed.rejects {
            if reject.name >= 0 { entries[Int(reject.name)].rejected += 1 } else { unknownRejects.rejected += 1 }
        }
        if unknownRejects.rejected > 0 { entries.append(unknownRejects) }
        report.entries = entries.sorted { $0.name < $1.name }
        report.inserted = entries.reduce(0) { $0 + $1.inserted }
        report.updated = entries.reduce(0) { $0 + $1.updated }
        report.unchanged = entries.reduce(0) { $0 + $1.unchanged }
    }

    /// One name's records (key order) against its stored rows in the same key range.
    private func writeGroup(_ batch: RecordBatch, _ records: some BidirectionalCollection<Int>, name: Int)
        throws(MarketStoreError) {
        let id = ids[name]
        let firstTime = batch.time[records.first!], lastTime = batch.time[records.last!]
        // Locals, not stored properties, in the loop: no dynamic exclusivity checks per record.
        var existing = try fetchExisting(id: id, from: firstTime, to: lastTime)
        defer { swap(&existing, &existingBuffers) }
        if case .hourlyPrice = batch.kind { try coverHours(firstTime, lastTime) }
        var touched = touchedHours[name]
        touchedHours[name] = []
        defer { touchedHours[name] = touched }
        var cursor = 0
        var count = counts[name]
        defer { counts[name] = count }
        for record in records {
            let time = batch.time[record], posted = batch.postedAt[record]
            while cursor < existing.time.count,
                  (existing.time[cursor], existing.postedAt[cursor]) < (time, posted) { cursor += 1 }
            let found = cursor < existing.time.count && existing.time[cursor] == time && existing.postedAt[cursor] == posted
            if found {
                guard changed(batch, record, existing, cursor) else { count.unchanged += 1; continue }
                count.updated += 1
            } else {
                count.inserted += 1
            }
            switch batch.kind {
            case .hourlyPrice(_, let suppliesRTM):
                try writeHour(found: found, id: id, utc: time, dam: batch.first[record], rtm: batch.second[record],
                              intervals: suppliesRTM ? 4 : 0)
            case .rtInterval:
                if found {
                    upsert.bind(1, id); upsert.bind(2, time); upsert.bind(3, batch.first[record]); upsert.bind(4, sourceID)
                    try upsert.run()
                } else {
                    insert.bind(1, id); insert.bind(2, time); insert.bind(3, batch.first[record]); insert.bind(4, sourceID)
                    try insert.endRow()
                }
                let hour = time - time % 3600
                if touched.last != hour { touched.append(hour) }
            case .exogenous:
                if found {
                    upsert.bind(1, id); upsert.bind(2, time); upsert.bind(3, posted); upsert.bind(4, batch.first[record])
                    upsert.bind(5, sourceID)
                    try upsert.run()
                } else {
                    insert.bind(1, id); insert.bind(2, time); insert.bind(3, posted); insert.bind(4, batch.first[record])
                    insert.bind(5, sourceID)
                    try insert.endRow()
                }
            }
        }
    }

    private func changed(_ batch: RecordBatch, _ record: Int, _ existing: Existing, _ row: Int) -> Bool {
        switch batch.kind {
        case .hourlyPrice(let suppliesDAM, let suppliesRTM):
            return (suppliesDAM && !sameValue(batch.first[record], existing.first[row]))
                || (suppliesRTM && (!sameValue(batch.second[record], existing.second[row]) || existing.intervals[row] != 4))
        case .rtInterval, .exogenous:
            return !sameValue(batch.first[record], existing.first[row])
        }
    }

    /// An hourly row: plain (batched) insert for a new key, upsert for a stored one.
    private func writeHour(found: Bool, id: Int64, utc: Int64, dam: Double, rtm: Double, intervals: Int64,
                           through statement: SQLiteStatement? = nil) throws(MarketStoreError) {
        if found || statement != nil {
            let upsert = statement ?? self.upsert
            upsert.bind(1, id); upsert.bind(2, utc); upsert.bind(3, dam); upsert.bind(4, rtm)
            upsert.bind(5, intervals); upsert.bind(6, sourceID)
            try upsert.run()
        } else {
            insert.bind(1, id); insert.bind(2, utc); insert.bind(3, dam); insert.bind(4, rtm)
            insert.bind(5, intervals); insert.bind(6, sourceID)
            try insert.endRow()
        }
    }

    /// Recomputes hourly RT for hours whose intervals changed: the mean when all four are
    /// known; otherwise NULL with the count, unless an hourly source already gave a complete value.
    private func refreshHourlyRT(pointID: Int64, hours: [Int64], report: inout IngestReport) throws(MarketStoreError) {
        let low = hours.first!, high = hours.last! + 3600
        var sums: [Int64: (count: Int64, sum: Double)] = [:]
        let intervals = try SQLiteStatement(db, "SELECT interval_start, price FROM rt_interval WHERE point_id = ?1 AND interval_start >= ?2 AND interval_start < ?3 ORDER BY interval_start")
        intervals.bind(1, pointID); intervals.bind(2, low); intervals.bind(3, high)
        while try intervals.next() {
            let start = intervals.int64(0)
            let hour = start - start % 3600
            let current = sums[hour] ?? (0, 0)
            sums[hour] = (current.count + 1, current.sum + intervals.double(1))
        }
        var stored: [Int64: (rtm: Double, intervals: Int64)] = [:]
        let hourly = try SQLiteStatement(db, "SELECT utc_start, rtm, rt_intervals FROM hourly_price WHERE point_id = ?1 AND utc_start >= ?2 AND utc_start < ?3")
        hourly.bind(1, pointID); hourly.bind(2, low); hourly.bind(3, high)
        while try hourly.next() { stored[hourly.int64(0)] = (hourly.double(1), hourly.int64(2)) }

        let upsertRT = try SQLiteStatement(db, Self.upsertSQL(.hourlyPrice(suppliesDAM: false, suppliesRTM: true)))
        try coverHours(hours.first!, hours.last!)
        for hour in hours {
            let (count, sum) = sums[hour] ?? (0, 0)
            let previous = stored[hour]
            if count == 4 {
                let mean = sum / 4
                if let previous, previous.intervals == 4, sameValue(previous.rtm, mean) { continue }
                try writeHour(found: true, id: pointID, utc: hour, dam: .nan, rtm: mean, intervals: 4, through: upsertRT)
                report.hoursCompleted += 1
            } else {
                if let previous, previous.intervals == 4 { continue }  // complete from an hourly source
                report.hoursIncomplete += 1
                if let previous, previous.intervals == count { continue }
                try writeHour(found: true, id: pointID, utc: hour, dam: .nan, rtm: .nan, intervals: count, through: upsertRT)
            }
        }
    }

    /// Labels the hours `[first, last]` in `market_hour` as they are written (while the file is
    /// still being parsed, rather than at the end), skipping the range already done in this write.
    private func coverHours(_ first: Int64, _ last: Int64) throws(MarketStoreError) {
        if firstHour > lastHour {
            try MarketHourLabels.fill(db: db, fromUTC: first, throughUTC: last, zone: zone)
            firstHour = first
            lastHour = last
            return
        }
        if first < firstHour {
            try MarketHourLabels.fill(db: db, fromUTC: first, throughUTC: firstHour - 3600, zone: zone)
            firstHour = first
        }
        if last > lastHour {
            try MarketHourLabels.fill(db: db, fromUTC: lastHour + 3600, throughUTC: last, zone: zone)
            lastHour = last
        }
    }

    /// Stored rows of `id` with keys in `[from, to]`, in key order (reuses the last buffers).
    private func fetchExisting(id: Int64, from: Int64, to: Int64) throws(MarketStoreError) -> Existing {
        var rows = Existing()
        swap(&rows, &existingBuffers)
        rows.removeAll()
        fetch.bind(1, id); fetch.bind(2, from); fetch.bind(3, to)
        while try fetch.next() {
            rows.time.append(fetch.int64(0))
            rows.postedAt.append(fetch.int64(1))
            rows.first.append(fetch.double(2))
            rows.second.append(fetch.double(3))
            rows.intervals.append(fetch.int64(4))
        }
        return rows
    }

    /// Store ids of names, creating the missing ones.
    private func storeIDs(for names: some Collection<String>, table: String) throws(MarketStoreError) -> [Int64] {
        let insert = try SQLiteStatement(db, "INSERT INTO \(table) (name) VALUES (?1) ON CONFLICT (name) DO NOTHING")
        let select = try SQLiteStatement(db, "SELECT id FROM \(table) WHERE name = ?1")
        var ids: [Int64] = []
        for name in names {
            insert.bind(1, text: name)
            try insert.run()
            select.bind(1, text: name)
            guard try select.next() else {
                throw MarketStoreError(.sqlFailed, context: table, problem: "no id for '\(name)' after insert", fix: "report this bug")
            }
            ids.append(select.int64(0))
            while try select.next() {}
        }
        return ids
    }

    private static func table(_ kind: RecordKind) -> String {
        switch kind {
        case .hourlyPrice: "hourly_price"
        case .rtInterval: "rt_interval"
        case .exogenous: "exogenous_value"
        }
    }

    private static func columns(_ kind: RecordKind) -> [String] {
        switch kind {
        case .hourlyPrice: ["point_id", "utc_start", "dam", "rtm", "rt_intervals", "source_id"]
        case .rtInterval: ["point_id", "interval_start", "price", "source_id"]
        case .exogenous: ["series_id", "target_utc", "posted_at", "value", "source_id"]
        }
    }

    private static func existingSQL(_ kind: RecordKind) -> String {
        switch kind {
        case .hourlyPrice:
            "SELECT utc_start, 0, dam, rtm, rt_intervals FROM hourly_price WHERE point_id = ?1 AND utc_start BETWEEN ?2 AND ?3 ORDER BY utc_start"
        case .rtInterval:
            "SELECT interval_start, 0, price, NULL, 0 FROM rt_interval WHERE point_id = ?1 AND interval_start BETWEEN ?2 AND ?3 ORDER BY interval_start"
        case .exogenous:
            "SELECT target_utc, posted_at, value, NULL, 0 FROM exogenous_value WHERE series_id = ?1 AND target_utc BETWEEN ?2 AND ?3 ORDER BY target_utc, posted_at"
        }
    }

    /// Upserts that overwrite only the columns the source supplies, so a DAM-only file keeps RT.
    private static func upsertSQL(_ kind: RecordKind) -> String {
        let columns = columns(kind)
        let values = (1...columns.count).map { "?\($0)" }.joined(separator: ", ")
        let updated: [String]
        switch kind {
        case .hourlyPrice(let suppliesDAM, let suppliesRTM):
            updated = (suppliesDAM ? ["dam"] : []) + (suppliesRTM ? ["rtm", "rt_intervals"] : []) + ["source_id"]
        case .rtInterval: updated = ["price", "source_id"]
        case .exogenous: updated = ["value", "source_id"]
        }
        return """
            INSERT INTO \(table(kind)) (\(columns.joined(separator: ", "))) VALUES (\(values))
            ON CONFLICT (\(columns.prefix(kind == .exogenous ? 3 : 2).joined(separator: ", "))) \
            DO UPDATE SET \(updated.map { "\($0) = excluded.\($0)" }.joined(separator: ", "))
            """
    }
}
