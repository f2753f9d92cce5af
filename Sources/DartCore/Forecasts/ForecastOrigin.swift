/// Where a published forecast row came from: the production run at its issue time, or a
/// `dartcast backfill` that recreated, later, the forecast production would have made then.
/// Written as the `origin` column of the Parquet partitions and SQL tables.
public enum ForecastOrigin: String, Hashable, Sendable, Codable, CaseIterable {
    case production, backfill
}
