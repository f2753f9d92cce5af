import Foundation

extension BacktestReport {
    /// Writes `backtest.json`, `backtest.html` and `predictions.parquet` into `folder` (created
    /// when missing) and returns their URLs.
    @discardableResult
    public static func writeFiles(_ result: BacktestResult, forecasts: WalkForwardBacktest.Forecasts, to folder: URL) throws -> [URL] {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let json = folder.appendingPathComponent("backtest.json"), html = folder.appendingPathComponent("backtest.html")
        let parquet = folder.appendingPathComponent(BacktestPredictionsParquet.fileName)
        try BacktestReport.json(result).write(to: json, options: .atomic)
        try Data(BacktestReport.html(result, forecasts: forecasts).utf8).write(to: html, options: .atomic)
        try BacktestPredictionsParquet.write(forecasts, product: result.configuration.product, to: parquet)
        return [json, html, parquet]
    }
}
