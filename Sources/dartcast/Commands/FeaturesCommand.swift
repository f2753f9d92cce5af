import ArgumentParser
import DartCore
import DartFeatures
import DartPipeline
import DartPublish
import Foundation

struct FeaturesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "features",
        abstract: "Build the as-of feature frame for one issue time and write it as Parquet (for audits and pipeline steps).",
        discussion: """
            The frame is what `predict` feeds the models at that issue time: one row per point and target hour, \
            built only from data known then (the same builder as train, backtest and run). The realized DART is \
            included as the `dart` label column (null when not yet known); each model input is a float column \
            `feature_<name>` (prefixed: inputs such as hour_ending share a key column's name). Written to \
            DIR/features_<product>_<yyyyMMddTHHmmZ>.parquet.
            """)

    @OptionGroup var global: GlobalOptions

    @Option(help: "dayahead or hourly.")
    var product: ForecastProduct = .dayahead

    @Option(help: "Issue time: ISO UTC (…Z), market local time (2025-03-01T05:00), or now.")
    var issueTime: String = "now"

    @Option(help: "Directory to write the Parquet file into (created if missing).")
    var out: String

    /// Days of history before the issue time the builder needs (longest rolling window plus margin), as `dartcast run` loads.
    static let lookbackDays: Int64 = 45

    func run() throws {
        let workspace = try global.workspace(label: "dartcast.features")
        let issue = try TimeArgument.parse(issueTime, zone: workspace.rules.timeZone)
        let store = try workspace.marketStore()
        let points = try workspace.points(in: store)
        guard !points.isEmpty else {
            throw PipelineError(.noData, "the market store in \(workspace.dataDirectory.path) has no prices; run `dartcast ingest FILE…` first")
        }
        let history = try store.loadHistory(points: points, fromUTC: issue - Self.lookbackDays * 86_400, toUTC: issue + 3 * 86_400)
        let frame = try workspace.featureBuilder(pointCategories: points).build(history: history, product: product, issueTimes: [issue])
        guard frame.rowCount > 0 else {
            throw PipelineError(.noData, "no \(product.rawValue) target hours for issue time \(UTCFormat.iso8601(issue))")
        }
        let directory = URL(fileURLWithPath: out)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let file = directory.appendingPathComponent("features_\(product.rawValue)_\(FeatureFrameParquet.compactUTC(issue)).parquet")
        try ParquetCodec.write(FeatureFrameParquet.table(frame), to: file)
        print("wrote \(frame.rowCount) rows × \(frame.features.names.count) features to \(file.path)")
    }
}

/// A feature frame as a Parquet table: key columns, the `dart` label, then `feature_<name>` float columns
/// (prefixed because some inputs, e.g. `hour_ending`, share a key column's name).
enum FeatureFrameParquet {
    static let featurePrefix = "feature_"

    static func table(_ frame: FeatureFrame) -> ParquetTable {
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
    static func compactUTC(_ utc: Int64) -> String {
        let iso = UTCFormat.iso8601(utc)  // 2025-03-01T11:00:00Z
        return iso.replacingOccurrences(of: "-", with: "").replacingOccurrences(of: ":", with: "").replacingOccurrences(of: "00Z", with: "Z")
    }
}
