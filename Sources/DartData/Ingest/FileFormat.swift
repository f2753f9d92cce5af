/// The input layouts `ingest` understands, recognised from the header line.
public enum FileFormat: String, Sendable, Hashable, CaseIterable {
    /// Tidy hourly DAM + RT + DART (`dart_hourly_15sp_*.csv`).
    case tidyDartHourly = "tidy-dart-hourly"
    /// Tidy 15-minute RT SPPs (`rtm_spp_15min_*.csv`).
    case tidyRTInterval = "tidy-rt-15min"
    /// Tidy hourly DAM SPPs (`dam_spp_hourly_*.csv`).
    case tidyDAMHourly = "tidy-dam-hourly"
    /// Tidy wind/solar forecasts with posting times (`wind_solar_forecasts_hourly_*.csv`).
    case windSolarForecast = "tidy-wind-solar-forecast"
    /// Tidy actual load by weather zone (`load_actual_hourly_by_weatherzone_*.csv`).
    case loadActual = "tidy-load-actual"
    /// ERCOT NP4-190-CD DAM SPP, MIS download layout.
    case ercotDAMMIS = "np4-190-cd-mis"
    /// ERCOT NP4-190-CD DAM SPP, public API export layout.
    case ercotDAMAPI = "np4-190-cd-api"
    /// ERCOT NP6-905-CD RT SPP (15-minute), MIS download layout.
    case ercotRTIntervalMIS = "np6-905-cd-mis"

    /// Columns that identify the layout (lower-cased).
    var signature: [String] {
        switch self {
        case .tidyDartHourly: ["settlement_point", "dam_price", "rtm_price"]
        case .tidyRTInterval: ["settlement_point", "interval", "rtm_price"]
        case .tidyDAMHourly: ["settlement_point", "dam_price"]
        case .windSolarForecast: ["timestamp_utc", "*_dayahead_posted_local"]
        case .loadActual: ["timestamp_utc", "dst_flag", "*zone"]
        case .ercotDAMMIS: ["delivery date", "hour ending", "settlement point", "settlement point price"]
        case .ercotDAMAPI: ["deliverydate", "hourending", "settlementpoint", "settlementpointprice"]
        case .ercotRTIntervalMIS: ["delivery date", "delivery hour", "delivery interval", "settlement point name",
                                   "settlement point price"]
        }
    }

    /// Every column the layout needs, as the files spell them.
    public var requiredColumns: [String] {
        switch self {
        case .tidyDartHourly: ["delivery_date", "hour_ending", "dst_flag", "timestamp_utc", "settlement_point",
                               "dam_price", "rtm_price", "dart"]
        case .tidyRTInterval: ["delivery_date", "hour_ending", "interval", "dst_flag", "interval_start_utc",
                               "settlement_point", "rtm_price"]
        case .tidyDAMHourly: ["delivery_date", "hour_ending", "dst_flag", "timestamp_utc", "settlement_point", "dam_price"]
        case .windSolarForecast: ["delivery_date", "hour_ending", "timestamp_utc",
                                  "<kind>_<measure>_dayahead_mw with <kind>_dayahead_posted_local", "<kind>_<measure>_final_mw"]
        case .loadActual: ["delivery_date", "hour_ending", "dst_flag", "timestamp_utc",
                           "one or more of " + LoadActualParser.zoneColumns.joined(separator: "/")]
        case .ercotDAMMIS: ["Delivery Date", "Hour Ending", "Settlement Point", "Settlement Point Price", "DSTFlag"]
        case .ercotDAMAPI: ["deliveryDate", "hourEnding", "settlementPoint", "settlementPointPrice", "DSTFlag"]
        case .ercotRTIntervalMIS: ["Delivery Date", "Delivery Hour", "Delivery Interval", "Repeated Hour Flag (or DSTFlag)",
                                   "Settlement Point Name", "Settlement Point Price"]
        }
    }

    /// A header that matches this layout only because a column of a richer one is missing, so
    /// reading it would silently ignore data: a `dart` column without `rtm_price` would be read
    /// as DAM-only (`tidy-dam-hourly`) and its DART values dropped. Decision: an error naming
    /// the file and the columns (docs/data.md § Ingest).
    func partialLayoutProblem(header: [String], file: String) -> IngestError? {
        let names = Set(header.map { $0.lowercased() })
        guard self == .tidyDAMHourly, names.contains("dart") else { return nil }
        return IngestError(.missingColumn, file: file, line: 1, column: "rtm_price",
            problem: "the header has a 'dart' column but no 'rtm_price' column, so its DART values could not be checked and would be ignored (header: \(header.joined(separator: ",")))",
            fix: "add rtm_price for the \(FileFormat.tidyDartHourly.rawValue) layout (\(FileFormat.tidyDartHourly.requiredColumns.joined(separator: ", "))), or remove the dart column to load DAM prices only (\(FileFormat.tidyDAMHourly.rawValue))")
    }

    /// The layout a header matches, most specific first; nil when none does.
    static func detect(header: [String]) -> FileFormat? {
        let names = Set(header.map { $0.lowercased() })
        for format in FileFormat.allCases where format.signature.allSatisfy({ wanted in
            switch wanted {
            case "*_dayahead_posted_local": names.contains { $0.hasSuffix("_dayahead_posted_local") }
            case "*zone": !names.contains("settlement_point")
                && header.contains { LoadActualParser.zoneColumns.contains($0.uppercased()) }
            default: names.contains(wanted)
            }
        }) {
            return format
        }
        return nil
    }
}
