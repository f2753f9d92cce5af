import DartCore
import DartModels
import DartPublish
import Foundation

/// `predictions.parquet` beside `backtest.json`: every out-of-sample forecast of the backtest,
/// one row per (issue, target hour, point), one column per model quantile (wide layout: one row
/// holds every model's forecast, so comparing models needs no pivot).
///
/// Columns: `issue_time_utc`, `target_time_utc` (timestamp[us, UTC], the target hour's start),
/// `operating_day` (string, YYYY-MM-DD), `settlement_point` (string), `hour_ending` (int32),
/// `horizon_hours` (double), `dam_known` (bool), `actual_dart` (double, null when unknown), then
/// per model `<model>_p50` and, for models with a band, `<model>_p10` and `<model>_p90` (double,
/// null where the model could not forecast the row: unlike the scores, no zero is filled in).
public enum BacktestPredictionsParquet {
    public static let fileName = "predictions.parquet"
    public static let keyColumns = ["issue_time_utc", "target_time_utc", "operating_day", "settlement_point", "hour_ending",
                                    "horizon_hours", "dam_known", "actual_dart"]

    public static func table(_ f: WalkForwardBacktest.Forecasts, product: ForecastProduct) throws -> ParquetTable {
        try BacktestEvaluation.checkAligned(f)
        var columns = [
            ParquetColumn("issue_time_utc", .timestampMicrosUTC(f.issueUTC.map { $0 * 1_000_000 })),
            ParquetColumn("target_time_utc", .timestampMicrosUTC(f.targetUTC.map { $0 * 1_000_000 })),
            ParquetColumn("operating_day", .string(BacktestEvaluation.dayLabels(f.operatingDays))),
            ParquetColumn("settlement_point", .string(f.points)),
            ParquetColumn("hour_ending", .int32(f.hourEndings.map(Int32.init))),
            ParquetColumn("horizon_hours", .float64(zip(f.issueUTC, f.targetUTC).map { HorizonBuckets.horizonHours(issueUTC: $0, targetUTC: $1) })),
            ParquetColumn("dam_known", .bool(f.damKnown)),
            nullable("actual_dart", f.actual),
        ]
        for name in f.modelOrder {
            let forecast = f.byModel[name]!
            columns.append(nullable("\(name)_p50", forecast.p50))
            if let p10 = forecast.p10, let p90 = forecast.p90 {
                columns.append(nullable("\(name)_p10", p10))
                columns.append(nullable("\(name)_p90", p90))
            }
        }
        return ParquetTable(columns: columns, metadata: ["dartcast.schema": "backtest-predictions/1", "dartcast.product": product.rawValue,
                                                         "dartcast.models": f.modelOrder.joined(separator: ",")])
    }

    public static func write(_ f: WalkForwardBacktest.Forecasts, product: ForecastProduct, to url: URL) throws {
        try ParquetCodec.write(try table(f, product: product), to: url)
    }

    /// A double column whose NaN rows are nulls.
    static func nullable(_ name: String, _ values: [Float]) -> ParquetColumn {
        ParquetColumn(name, .float64(values.map(Double.init)), valid: values.map(\.isFinite))
    }
}
