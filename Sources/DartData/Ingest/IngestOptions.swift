/// How `MarketStore.ingest(file:options:)` treats bad rows.
public struct IngestOptions: Sendable, Hashable {
    /// When false (default) the first malformed row stops the file and nothing is stored.
    /// When true, malformed rows are written to the rejects file and the rest is stored.
    public var skipBadRows: Bool
    /// Where rejected rows go (CSV: file, line, column, value, reason, original line). Appended
    /// to when it exists. Required when `skipBadRows` is true.
    public var rejectsPath: String?
    /// Prices outside this range are malformed. ERCOT's offer cap is $5,000/MWh ($9,000 before
    /// 2023) and RT adders go a little above it; beyond ±$10,000 a value is a unit or column error.
    public var validPriceRange: ClosedRange<Double>
    /// The tidy DART file's `dart` must equal `dam_price − rtm_price` within this many dollars.
    public var dartTolerance: Double

    public init(skipBadRows: Bool = false, rejectsPath: String? = nil,
                validPriceRange: ClosedRange<Double> = -10_000...10_000, dartTolerance: Double = 0.01) {
        self.skipBadRows = skipBadRows
        self.rejectsPath = rejectsPath
        self.validPriceRange = validPriceRange
        self.dartTolerance = dartTolerance
    }
}
