import DartCore
import GRDB

/// Applies one parsed file to the store inside the caller's transaction: diffs the records
/// against what is stored (merge of two key-ordered streams) and upserts only new or changed
/// ones with a single prepared statement per table.
struct StoreWriter {
    let db: Database
    let sourceID: Int64
    let ingestedAt: Int64
    let zone: MarketTimeZone

    /// Stored rows of one name in a key range, column-wise.
    private struct Existing {
        var time: [Int64] = []
        var postedAt: [Int64] = []
        var first: [Double] = []
        var second: [Double] = []
        var intervals: [Int64] = []
    }

    func write(_ parsed: ParsedFile, into report: inout IngestReport) throws(MarketStoreError) {
        let batch = parsed.batch
        let isExogenous = batch.kind == .exogenous
        let ids = try storeIDs(for: batch.names, table: isExogenous ? "exogenous_series" : "settlement_point")
        var entries = batch.names.map { IngestReport.Entry(name: $0) }
        for index in 0..<batch.count {
            let name = Int(batch.name[index])
            entries[name].rowsRead += 1
            entries[name].see(batch.kind == .rtInterval ? batch.time[index] - batch.time[index] % 3600 : batch.time[index])
        }
        var unknownRejects = IngestReport.Entry(name: "(unknown)")
        for reject in parsed.rejects {
            if reject.name >= 0 { entries[Int(reject.name)].rejected += 1 } else { unknownRejects.rejected += 1 }
        }

        // New keys cannot conflict (the diff saw none), so they take the cheaper plain INSERT.
        let insert = try SQLiteStatement(db, upsertSQL(batch.kind, plainInsert: true))
        let upsert = try SQLiteStatement(db, upsertSQL(batch.kind))
        let labels = HourLabelCache(zone: zone)
        let fetch = try SQLiteStatement(db, existingSQL(batch.kind))
        let order = parsed.order
        var groupStart = 0
        while groupStart < order.count {
            let name = batch.name[order[groupStart]]
            var groupEnd = groupStart
            while groupEnd < order.count, batch.name[order[groupEnd]] == name { groupEnd += 1 }
            let id = ids[Int(name)]
            let existing = try fetchExisting(fetch, id: id, from: batch.time[order[groupStart]], to: batch.time[order[groupEnd - 1]])
            var touchedHours: [Int64] = []
            var cursor = 0
            for position in groupStart..<groupEnd {
                let record = order[position]
                let time = batch.time[record], posted = batch.postedAt[record]
                while cursor < existing.time.count,
                      (existing.time[cursor], existing.postedAt[cursor]) < (time, posted) { cursor += 1 }
                let found = cursor < existing.time.count && existing.time[cursor] == time && existing.postedAt[cursor] == posted
                if found {
                    guard changed(batch, record, existing, cursor) else { entries[Int(name)].unchanged += 1; continue }
                    entries[Int(name)].updated += 1
                } else {
                    entries[Int(name)].inserted += 1
                }
                let statement = found ? upsert : insert
                switch batch.kind {
                case .hourlyPrice(_, let suppliesRTM):
                    try upsertHour(statement, id: id, utc: time, dam: batch.first[record], rtm: batch.second[record],
                                   intervals: suppliesRTM ? 4 : 0, labels: labels)
                case .rtInterval:
                    statement.bind(1, id); statement.bind(2, time); statement.bind(3, batch.first[record])
                    statement.bind(4, sourceID); statement.bind(5, ingestedAt)
                    try statement.run()
                    let hour = time - time % 3600
                    if touchedHours.last != hour { touchedHours.append(hour) }
                case .exogenous:
                    statement.bind(1, id); statement.bind(2, time); statement.bind(3, posted)
                    statement.bind(4, batch.first[record]); statement.bind(5, sourceID); statement.bind(6, ingestedAt)
                    try statement.run()
                }
            }
            if !touchedHours.isEmpty { try refreshHourlyRT(pointID: id, hours: touchedHours, labels: labels, report: &report) }
            groupStart = groupEnd
        }
        if unknownRejects.rejected > 0 { entries.append(unknownRejects) }
        report.entries = entries.sorted { $0.name < $1.name }
        report.inserted = entries.reduce(0) { $0 + $1.inserted }
        report.updated = entries.reduce(0) { $0 + $1.updated }
        report.unchanged = entries.reduce(0) { $0 + $1.unchanged }
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

    private func upsertHour(_ statement: SQLiteStatement, id: Int64, utc: Int64, dam: Double, rtm: Double, intervals: Int64,
                            labels: HourLabelCache) throws(MarketStoreError) {
        labels.move(to: utc)
        statement.bind(1, id); statement.bind(2, utc); statement.bind(3, dam); statement.bind(4, rtm)
        statement.bind(5, intervals)
        statement.bindStatic(6, labels.dayText, count: 10)
        statement.bind(7, Int64(labels.hourEnding))
        statement.bindStatic(8, labels.flagText, count: 1)
        statement.bind(9, sourceID); statement.bind(10, ingestedAt)
        try statement.run()
    }

    /// Recomputes hourly RT for hours whose intervals changed: the mean when all four are
    /// known; otherwise NULL with the count, unless an hourly source already gave a complete value.
    private func refreshHourlyRT(pointID: Int64, hours: [Int64], labels: HourLabelCache,
                                 report: inout IngestReport) throws(MarketStoreError) {
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

        let upsert = try SQLiteStatement(db, upsertSQL(.hourlyPrice(suppliesDAM: false, suppliesRTM: true)))
        for hour in hours {
            let (count, sum) = sums[hour] ?? (0, 0)
            let previous = stored[hour]
            if count == 4 {
                let mean = sum / 4
                if let previous, previous.intervals == 4, sameValue(previous.rtm, mean) { continue }
                try upsertHour(upsert, id: pointID, utc: hour, dam: .nan, rtm: mean, intervals: 4, labels: labels)
                report.hoursCompleted += 1
            } else {
                if let previous, previous.intervals == 4 { continue }  // complete from an hourly source
                report.hoursIncomplete += 1
                if let previous, previous.intervals == count { continue }
                try upsertHour(upsert, id: pointID, utc: hour, dam: .nan, rtm: .nan, intervals: count, labels: labels)
            }
        }
    }

    private func fetchExisting(_ statement: SQLiteStatement, id: Int64, from: Int64, to: Int64) throws(MarketStoreError) -> Existing {
        var existing = Existing()
        statement.bind(1, id); statement.bind(2, from); statement.bind(3, to)
        while try statement.next() {
            existing.time.append(statement.int64(0))
            existing.postedAt.append(statement.int64(1))
            existing.first.append(statement.double(2))
            existing.second.append(statement.double(3))
            existing.intervals.append(statement.int64(4))
        }
        return existing
    }

    private func existingSQL(_ kind: RecordKind) -> String {
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
    private func upsertSQL(_ kind: RecordKind, plainInsert: Bool = false) -> String {
        if plainInsert {
            switch kind {
            case .hourlyPrice:
                return "INSERT INTO hourly_price (point_id, utc_start, dam, rtm, rt_intervals, operating_day, hour_ending, dst_flag, "
                    + "source_id, ingested_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
            case .rtInterval:
                return "INSERT INTO rt_interval (point_id, interval_start, price, source_id, ingested_at) VALUES (?1, ?2, ?3, ?4, ?5)"
            case .exogenous:
                return "INSERT INTO exogenous_value (series_id, target_utc, posted_at, value, source_id, ingested_at) "
                    + "VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
            }
        }
        switch kind {
        case .hourlyPrice(let suppliesDAM, let suppliesRTM):
            var updates: [String] = []
            if suppliesDAM { updates.append("dam = excluded.dam") }
            if suppliesRTM { updates += ["rtm = excluded.rtm", "rt_intervals = excluded.rt_intervals"] }
            updates += ["source_id = excluded.source_id", "ingested_at = excluded.ingested_at"]
            return """
                INSERT INTO hourly_price (point_id, utc_start, dam, rtm, rt_intervals, operating_day, hour_ending, dst_flag, source_id, ingested_at)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
                ON CONFLICT (point_id, utc_start) DO UPDATE SET \(updates.joined(separator: ", "))
                """
        case .rtInterval:
            return """
                INSERT INTO rt_interval (point_id, interval_start, price, source_id, ingested_at) VALUES (?1, ?2, ?3, ?4, ?5)
                ON CONFLICT (point_id, interval_start) DO UPDATE SET price = excluded.price, source_id = excluded.source_id, ingested_at = excluded.ingested_at
                """
        case .exogenous:
            return """
                INSERT INTO exogenous_value (series_id, target_utc, posted_at, value, source_id, ingested_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                ON CONFLICT (series_id, target_utc, posted_at) DO UPDATE SET value = excluded.value, source_id = excluded.source_id, ingested_at = excluded.ingested_at
                """
        }
    }

    /// Store ids of names, creating the missing ones.
    private func storeIDs(for names: [String], table: String) throws(MarketStoreError) -> [Int64] {
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
}

/// ERCOT labels of hour starts, computed once per operating day (rows come in time order),
/// with the day and flag as stable C text for allocation-free binding.
final class HourLabelCache {
    private let zone: MarketTimeZone
    private var dayStart: Int64 = .max
    private var dayEnd: Int64 = .min
    private var hours: [MarketHour] = []
    let dayText = UnsafeMutablePointer<UInt8>.allocate(capacity: 10)
    let flagText = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)
    private(set) var hourEnding = 0

    init(zone: MarketTimeZone) { self.zone = zone }

    deinit {
        dayText.deallocate()
        flagText.deallocate()
    }

    /// Points the label fields at the hour starting at `utc`.
    func move(to utc: Int64) {
        if utc < dayStart || utc >= dayEnd {
            let day = zone.operatingDay(containing: utc)
            hours = zone.hours(of: day)
            dayStart = hours.first!.utcStart
            dayEnd = hours.last!.utcEnd
            for (index, byte) in day.description.utf8.enumerated() { dayText[index] = byte }
        }
        let hour = hours[Int((utc - dayStart) / 3600)]
        hourEnding = hour.hourEnding
        flagText.pointee = hour.isRepeatedHour ? 0x59 : 0x4E
    }
}
