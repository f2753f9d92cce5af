import DartConfig
import DartCore
import Foundation

/// How each ERCOT report is queried and what its rows become in the market store. Rows become the
/// same store rows the ingest makes from the bundled files of the same data (a test compares them).
struct ERCOTReportSpec: Sendable {
    enum Watermark: Sendable {
        /// By delivery (or operating) day, per settlement point: the next call re-reads from the
        /// latest stored day, so late intervals of that day complete it.
        case deliveryDay(parameter: String, perPoint: Bool)
        /// By posting time: the next call asks for postings at or after the latest stored one.
        case postingTime
    }

    let report: ERCOTSourceSettings.Report
    /// Path under the API base, e.g. `np4-190-cd/dam_stlmnt_pnt_prices`.
    let path: String
    let watermark: Watermark
    let kind: MarketRows.Kind
    /// What the series are called in `data status` and the run history.
    let label: String

    var emilID: String { report.rawValue }
    var watermarkSource: String { "ercot:\(report.rawValue)" }

    static func spec(for report: ERCOTSourceSettings.Report) -> ERCOTReportSpec {
        switch report {
        case .damPrices:
            ERCOTReportSpec(report: report, path: "np4-190-cd/dam_stlmnt_pnt_prices",
                            watermark: .deliveryDay(parameter: "deliveryDate", perPoint: true), kind: .dam, label: "DAM prices")
        case .rtIntervalPrices:
            ERCOTReportSpec(report: report, path: "np6-905-cd/spp_node_zone_hub",
                            watermark: .deliveryDay(parameter: "deliveryDate", perPoint: true), kind: .rtInterval,
                            label: "15-minute RT prices")
        case .loadForecast:
            ERCOTReportSpec(report: report, path: "np3-565-cd/lf_by_model_weather_zone", watermark: .postingTime,
                            kind: .exogenous, label: "load forecast")
        case .windForecast:
            ERCOTReportSpec(report: report, path: "np4-732-cd/wpp_hrly_avrg_actl_fcast", watermark: .postingTime,
                            kind: .exogenous, label: "wind forecast")
        case .solarForecast:
            ERCOTReportSpec(report: report, path: "np4-745-cd/spp_hrly_actual_fcast_geo", watermark: .postingTime,
                            kind: .exogenous, label: "solar forecast")
        case .actualLoad:
            ERCOTReportSpec(report: report, path: "np6-345-cd/act_sys_load_by_wzn",
                            watermark: .deliveryDay(parameter: "operatingDay", perPoint: false), kind: .exogenous,
                            label: "actual load")
        }
    }

    /// Forecast columns → store series (the names feature building reads).
    private var postedSeries: [(field: String, series: String)] {
        switch report {
        case .windForecast: [("stwpfsystemwide", "wind_stwpf"), ("cophslsystemwide", "wind_cophsl")]
        case .solarForecast: [("stppfsystemwide", "solar_stppf"), ("cophslsystemwide", "solar_cophsl")]
        case .loadForecast: [("systemtotal", "load_forecast")]
        default: []
        }
    }

    /// Actual-load columns → the series the load ingest writes (`load_actual_<ZONE>`).
    private static let loadZones: [(field: String, series: String)] = [
        ("coast", "COAST"), ("east", "EAST"), ("farwest", "FWEST"), ("north", "NORTH"), ("northc", "NCENT"),
        ("southern", "SOUTH"), ("southc", "SCENT"), ("west", "WEST"), ("total", "ERCOT"),
    ].map { ($0.0, "load_actual_" + $0.1) }

    /// The newest thing one row says (delivery hour start, or posting time), for the watermark.
    struct RowMark: Comparable {
        var utc: Int64
        var hour: MarketHour
        static func < (a: RowMark, b: RowMark) -> Bool { a.utc < b.utc }
    }

    /// Appends the page's rows; returns the rows it could not read (label or value problems) and
    /// the newest mark per watermark key.
    func decode(_ page: ERCOTReportPage, zone: MarketTimeZone, points: Set<String>, into rows: inout MarketRows,
                marks: inout [String: RowMark]) throws -> Int {
        let columns = page.columns()
        func column(_ name: String) throws -> Int {
            guard let index = columns[name.lowercased()] else {
                throw SourceError(.query, context: "sources.ercot",
                                  "\(emilID) rows lack the field \(name) (fields: \(page.fields.map(\.name).joined(separator: ", "))); the API changed its layout")
            }
            return index
        }
        let dayColumn = try column(report == .actualLoad ? "operatingDay" : "deliveryDate")
        let hourColumn = try column(report == .rtIntervalPrices ? "deliveryHour" : "hourEnding")
        let flagColumn = columns["dstflag"]
        var skipped = 0
        func hour(_ row: [ERCOTCell]) -> MarketHour? {
            guard row.count == page.fields.count, let dayText = row[dayColumn].text, let day = OperatingDay(dayText.prefix(10)),
                  let hourEnding = row[hourColumn].hourEnding,
                  let repeated = flagColumn.map({ row[$0].isRepeatedHour }) ?? false else { return nil }
            return try? zone.marketHour(day: day, hourEnding: hourEnding, isRepeatedHour: repeated)
        }
        switch report {
        case .damPrices, .rtIntervalPrices:
            let pointColumn = try column("settlementPoint")
            let priceColumn = try column("settlementPointPrice")
            let intervalColumn = report == .rtIntervalPrices ? try column("deliveryInterval") : nil
            for row in page.data {
                guard let hour = hour(row), let name = row[pointColumn].text, let point = SettlementPoint(name),
                      let price = row[priceColumn].number else {
                    skipped += 1
                    continue
                }
                guard points.isEmpty || points.contains(name) else { continue }
                var start = hour.utcStart
                if let intervalColumn {
                    guard let interval = row[intervalColumn].hourEnding, (1...4).contains(interval) else { skipped += 1; continue }
                    start += Int64(interval - 1) * 900
                }
                rows.appendPrice(point: point, startUTC: start, price: price)
                marks[name] = max(marks[name] ?? RowMark(utc: hour.utcStart, hour: hour), RowMark(utc: hour.utcStart, hour: hour))
            }
        case .actualLoad:
            let zoneColumns = Self.loadZones.compactMap { zone in columns[zone.field].map { ($0, zone.series) } }
            for row in page.data {
                guard let hour = hour(row) else { skipped += 1; continue }
                for (index, series) in zoneColumns {
                    // An actual is known once its hour is over, as the file ingest records it.
                    if let value = row[index].number { rows.appendPosting(series: series, targetUTC: hour.utcStart, postedAtUTC: hour.utcStart + 3600, value: value) }
                }
                marks["*"] = max(marks["*"] ?? RowMark(utc: hour.utcStart, hour: hour), RowMark(utc: hour.utcStart, hour: hour))
            }
        case .windForecast, .solarForecast, .loadForecast:
            let postedColumn = try column("postedDatetime")
            let series = postedSeries.compactMap { pair in columns[pair.field].map { ($0, pair.series) } }
            let modelFilter = report == .loadForecast ? columns["inuseflag"] : nil
            for row in page.data {
                guard let hour = hour(row), let posted = row[postedColumn].text.flatMap({ Self.postedUTC($0, zone: zone) }) else {
                    skipped += 1
                    continue
                }
                // The load forecast comes once per weather model; only the one ERCOT uses counts.
                if let modelFilter, row[modelFilter].isRepeatedHour != true { continue }
                for (index, name) in series {
                    if let value = row[index].number { rows.appendPosting(series: name, targetUTC: hour.utcStart, postedAtUTC: posted, value: value) }
                }
                marks["*"] = max(marks["*"] ?? RowMark(utc: posted, hour: hour), RowMark(utc: posted, hour: hour))
            }
        }
        return skipped
    }

    /// `YYYY-MM-DDTHH:MM:SS` (Central wall clock, as ERCOT posts it) → UTC seconds.
    static func postedUTC(_ text: String, zone: MarketTimeZone) -> Int64? {
        var text = text
        guard let local = text.withUTF8({ ByteParsing.localWallClock($0) }) else { return nil }
        return zone.utc(fromLocalWallClock: local)
    }

    /// UTC seconds → `YYYY-MM-DDTHH:MM:SS` Central wall clock, for `postedDatetimeFrom`.
    static func postedText(_ utc: Int64, zone: MarketTimeZone) -> String {
        let local = zone.localSeconds(utc: utc)
        let day = OperatingDay(daysSinceEpoch: Int(local / 86_400))  // posting times are after 1970
        let second = Int(local - Int64(day.daysSinceEpoch) * 86_400)
        return "\(day)T" + String(format: "%02d:%02d:%02d", second / 3600, second / 60 % 60, second % 60)
    }
}
