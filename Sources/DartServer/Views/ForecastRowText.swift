import DartCore
import DartReports

/// Forecast rows as `predict`, `run` and `demo` print them: the published columns (docs/schema.md).
public enum ForecastRowText {
    public static let header = PredictionRowView.csvHeader(runID: false)

    public static func render(_ rows: [ForecastRow], format: RecordFormat) -> String {
        let views = rows.map { PredictionRowView($0, runID: nil) }
        switch format {
        case .json:
            return (try? RecordFormat.json(views)) ?? "[]"
        case .csv, .table:
            // The price columns (prediction … p90) and missing_features are right-aligned in the table.
            return RecordFormat.text(header: header, rows: views.map { $0.csvCells(runID: false) }, format: format,
                                     rightAlignedFrom: header.firstIndex(of: "prediction") ?? .max)
        }
    }
}
