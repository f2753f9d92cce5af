/// What rolling-origin cross-validation inside one refit measured and chose: written into each
/// model's provenance (validation metrics) and into `backtest.json`.
public struct CrossValidationSummary: Codable, Sendable, Hashable {
    public struct Fold: Codable, Sendable, Hashable {
        /// First issue instant of the fold's test block (ISO-8601 UTC).
        public var origin: String
        public var trainRows: Int
        public var testRows: Int
        /// MAE of the zero forecast on the fold's test rows.
        public var zeroMAE: Double
        /// Out-of-fold MAE per family at the chosen rounds.
        public var familyMAE: [String: Double]
    }

    public var folds: [Fold]
    /// Boosting rounds per family and output chosen from the mean fold curves.
    public var chosenRounds: [String: [String: Int]]
    /// The fixed settings each family trained with (learning rate, leaves, …), for the record.
    public var settings: [String: [String: Double]]
    /// Out-of-fold MAE per family over all folds, and of the zero forecast.
    public var outOfFoldMAE: [String: Double]
    public var zeroMAE: Double
    /// Inputs left out of training because they stopped arriving before the cutoff
    /// (docs/models.md § Training protocol, rule 6); absent in records written before session 14.
    public var silencedColumns: [String]?
    /// Columns of feeds left out because they began too recently (`models.min_feed_history_days`);
    /// absent in records written before session 21.
    public var youngFeedColumns: [String]?
    /// Training rows each non-price feed was made missing on beyond its own gaps (rule 7,
    /// `models.feed_outage_share`), by feed; absent when the setting is 0.
    public var simulatedOutageRows: [String: Int]?
}
