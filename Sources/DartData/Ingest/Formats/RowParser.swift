import DartCore

/// Turns one data row of a known layout into records. A row either appends all its records or
/// throws and appends none.
protocol RowParser {
    var kind: RecordKind { get }
    /// Index into `batch.names` of the row's point or series once parsed, for per-name reject
    /// counts; -1 before.
    var lastName: Int32 { get }
    mutating func parse(_ fields: CSVFields, line: Int, into batch: inout RecordBatch) throws(RowProblem)
}

enum RowParsers {
    /// The parser for a detected layout; throws when a needed column is absent.
    static func make(format: FileFormat, header: HeaderColumns, options: IngestOptions,
                     zone: MarketTimeZone) throws(IngestError) -> any RowParser {
        switch format {
        case .tidyDartHourly:
            return HourlyPriceParser(
                date: try header.require("delivery_date"), hourEnding: try header.require("hour_ending"),
                flag: try header.require("dst_flag"), timestamp: try header.require("timestamp_utc"),
                point: try header.require("settlement_point"), dam: try header.require("dam_price"),
                rtm: try header.require("rtm_price"), dart: try header.require("dart"), options: options, zone: zone)
        case .tidyDAMHourly:
            return HourlyPriceParser(
                date: try header.require("delivery_date"), hourEnding: try header.require("hour_ending"),
                flag: try header.require("dst_flag"), timestamp: try header.require("timestamp_utc"),
                point: try header.require("settlement_point"), dam: try header.require("dam_price"),
                rtm: nil, dart: nil, options: options, zone: zone)
        case .ercotDAMMIS:
            return HourlyPriceParser(
                date: try header.require("Delivery Date"), hourEnding: try header.require("Hour Ending"),
                flag: header.optional("DSTFlag"), timestamp: nil,
                point: try header.require("Settlement Point"), dam: try header.require("Settlement Point Price"),
                rtm: nil, dart: nil, options: options, zone: zone)
        case .ercotDAMAPI:
            return HourlyPriceParser(
                date: try header.require("deliveryDate"), hourEnding: try header.require("hourEnding"),
                flag: header.optional("DSTFlag"), timestamp: nil,
                point: try header.require("settlementPoint"), dam: try header.require("settlementPointPrice"),
                rtm: nil, dart: nil, options: options, zone: zone)
        case .tidyRTInterval:
            return IntervalPriceParser(
                date: try header.require("delivery_date"), hour: try header.require("hour_ending"),
                interval: try header.require("interval"), flag: try header.require("dst_flag"),
                timestamp: try header.require("interval_start_utc"), point: try header.require("settlement_point"),
                price: try header.require("rtm_price"), options: options, zone: zone)
        case .ercotRTIntervalMIS:
            return IntervalPriceParser(
                date: try header.require("Delivery Date"), hour: try header.require("Delivery Hour"),
                interval: try header.require("Delivery Interval"),
                flag: try header.require("Repeated Hour Flag", orAlias: "DSTFlag"),
                timestamp: nil, point: try header.require("Settlement Point Name"),
                price: try header.require("Settlement Point Price"), options: options, zone: zone)
        case .windSolarForecast:
            return try WindSolarParser(header: header, zone: zone)
        case .loadActual:
            return try LoadActualParser(header: header, zone: zone)
        }
    }
}
