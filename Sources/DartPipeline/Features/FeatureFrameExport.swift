import DartCore
import DartFeatures
import DartPublish
import DartWorkspace
import Foundation

/// `dartcast features`: the as-of feature frame `predict` feeds the models at one issue time,
/// written as Parquet for audits and pipeline steps.
public enum FeatureFrameExport {
    /// Days of history before the issue time the builder needs (longest rolling window plus margin), as `dartcast run` loads.
    public static let lookbackDays: Int64 = 45

    /// What `write` wrote.
    public struct Written: Sendable {
        public var file: URL
        public var rows: Int
        public var features: Int
    }

    /// Builds the frame of `product` at `issueUTC` from the workspace's store and writes it into
    /// `directory` (created if missing) as `features_<product>_<yyyyMMddTHHmmZ>.parquet`.
    /// - Throws: `PipelineError.noData` when the store has no prices or the issue has no target hours.
    public static func write(workspace: Workspace, product: ForecastProduct, issueUTC issue: Int64, to directory: URL) throws -> Written {
        let store = try workspace.marketStore()
        let points = try workspace.points(in: store)
        guard !points.isEmpty else {
            throw PipelineError(.noData, "the market store in \(workspace.dataDirectory.path) has no prices; run `dartcast ingest FILE…` first")
        }
        let history = try store.loadHistory(points: points, fromUTC: issue - lookbackDays * 86_400, toUTC: issue + 3 * 86_400)
        let frame = try workspace.featureBuilder(pointCategories: points).build(history: history, product: product, issueTimes: [issue])
        guard frame.rowCount > 0 else {
            throw PipelineError(.noData, "no \(product.rawValue) target hours for issue time \(UTCFormat.iso8601(issue))")
        }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let file = directory.appendingPathComponent("features_\(product.rawValue)_\(FeatureFrameParquet.compactUTC(issue)).parquet")
        try ParquetCodec.write(FeatureFrameParquet.table(frame), to: file)
        return Written(file: file, rows: frame.rowCount, features: frame.features.names.count)
    }
}

/// A feature frame as a Parquet table: key columns, the `dart` label, then `feature_<name>` float columns
/// (prefixed because some inputs, e.g. `hour_ending`, share a key column's name).
public enum FeatureFrameParquet {
    public static let featurePrefix = "feature_"

    public static func table(_ frame: FeatureFrame) -> ParquetTable {
        var columns = [
            ParquetColumn("issue_time_utc", .timestampMicrosUTC(frame.issueUTC.map { $0 * 1_000_000 })),
            ParquetColumn("target_hour_utc", .timestampMicrosUTC(frame.targetUTC.map { $0 * 1_000_000 })),
            ParquetColumn("operating_day", .dictionaryString(frame.operatingDay.map(\.description))),
            ParquetColumn("hour_ending", .int32(frame.hourEnding.map { Int32($0) })),
            ParquetColumn("dst_flag", .dictionaryString(frame.isRepeatedHour.map { $0 ? "Y" : "N" })),
            ParquetColumn("settlement_point", .dictionaryString((0..<frame.rowCount).map { frame.point(ofRow: $0).name })),
            ParquetColumn("dart", .float32(frame.dart), valid: frame.dart.map { !$0.isNaN }),
        ]
        let width = frame.features.columnCount
        for (column, name) in frame.features.names.enumerated() {
            let values = (0..<frame.rowCount).map { frame.features.values[$0 * width + column] }
            columns.append(ParquetColumn(featurePrefix + name, .float32(values)))
        }
        return ParquetTable(columns: columns, metadata: ["dartcast.schema": "features/1", "dartcast.product": frame.product.rawValue])
    }

    /// `20250301T1100Z`: sortable and safe in file names.
    public static func compactUTC(_ utc: Int64) -> String {
        let iso = UTCFormat.iso8601(utc)  // 2025-03-01T11:00:00Z
        return iso.replacingOccurrences(of: "-", with: "").replacingOccurrences(of: ":", with: "").replacingOccurrences(of: "00Z", with: "Z")
    }
}
