import DartCore

/// Where a forecast set goes inside the object store. Always keyed by the issue time in UTC,
/// never local time, so the two fall-back hours cannot collide.
public enum PartitionLayout: String, Sendable, Codable, CaseIterable {
    /// `product=<p>/issue_date=YYYY-MM-DD/issue_hour=HH/part-<run_id>.parquet` under the store root (by default `<data-dir>/predictions/`), prunable by Hive-aware readers.
    case hive
    /// `YYYY/MM/DD/HH/predictions.parquet`, as the system being replaced wrote it.
    case legacy

    /// The partition folder (no trailing slash).
    public func partitionPath(product: String, issueUTC: Int64) -> String {
        let iso = UTCFormat.iso8601(issueUTC)  // 2024-11-03T06:05:00Z
        let date = iso.prefix(10), hour = iso.dropFirst(11).prefix(2)
        switch self {
        case .hive:
            return "product=\(product)/issue_date=\(date)/issue_hour=\(hour)"
        case .legacy:
            let parts = date.split(separator: "-")
            return "\(product)/\(parts[0])/\(parts[1])/\(parts[2])/\(hour)"
        }
    }

    public func fileName(runID: String) -> String {
        switch self {
        case .hive: "part-\(runID).parquet"
        case .legacy: "predictions.parquet"
        }
    }

    /// The prefix under which all partitions of a product live.
    public func productPrefix(product: String) -> String {
        switch self {
        case .hive: "product=\(product)/"
        case .legacy: "\(product)/"
        }
    }
}
