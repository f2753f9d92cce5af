import DartCore

/// The columns one non-price feed fills, so training can show the models what an outage of that
/// feed looks like (`FeedOutage.blank`): a booster that never saw a column missing reads NaN as
/// an extreme value, and a feed that stops right after a refit would shift every forecast. An
/// exogenous series other than the default ones (`FeatureBuilder.Configuration`, set in code,
/// not in settings) is found only when the caller passes it.
public struct FeedOutage: Sendable, Hashable {
    /// The feed, for logs and tests: `rt_intervals`, `load_actual` or `forecasts`.
    public let feed: String
    /// Columns set to NaN during an outage.
    public let blankedColumns: [Int]
    /// "Missing" markers set to 1 during an outage.
    public let missingMarkers: [Int]
    /// FNV-1a of the feed's name, which sets the feeds' draws apart; hashed once, not per row.
    private let drawSalt: UInt64

    init(feed: String, blankedColumns: [Int], missingMarkers: [Int]) {
        self.feed = feed
        self.blankedColumns = blankedColumns
        self.missingMarkers = missingMarkers
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in feed.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
        drawSalt = hash
    }

    /// The feeds present among `featureNames`, each with the columns it fills; feeds without a
    /// column in the frame are left out.
    public static func feeds(featureNames: [String],
                             exogenousForecastSeries: [String] = FeatureBuilder.Configuration.defaultExogenousForecastSeries) -> [FeedOutage] {
        func indices(_ names: [String]) -> [Int] { names.compactMap { featureNames.firstIndex(of: $0) } }
        let loadForecasts = LoadFeatures.names.filter { $0 != LoadFeatures.missingMarkerName }
        let candidates = [
            FeedOutage(feed: "rt_intervals", blankedColumns: indices(RTIntervalFeatures.names), missingMarkers: []),
            FeedOutage(feed: "load_actual", blankedColumns: indices([ExogenousFeatures.loadActualName]), missingMarkers: []),
            FeedOutage(feed: "forecasts", blankedColumns: indices(exogenousForecastSeries + loadForecasts),
                       missingMarkers: indices([LoadFeatures.missingMarkerName])),
        ]
        return candidates.filter { !$0.blankedColumns.isEmpty }
    }

    /// Whether this feed is drawn out at `issueUTC` at rate `share`: a fixed pseudo-random draw
    /// per (issue, feed), so refits and folds blank the same issues (a lower rate a subset of a
    /// higher one) and all rows of an issue together, as a real outage would.
    public func isOut(issueUTC: Int64, share: Double) -> Bool {
        guard share > 0 else { return false }
        // SplitMix64 mixes neighbouring issues into independent draws.
        var draw = SplitMix64(seed: UInt64(bitPattern: issueUTC) ^ drawSalt)
        return draw.uniform() < share
    }

    /// Makes each feed missing on at least `share` of the rows of `matrix` (row `r` issued at
    /// `issueUTC[r]`) and returns how many rows each feed lost. Rows where the feed is already
    /// missing count: a feed with gaps of its own is left as it is, one that never failed is
    /// blanked on whole issues drawn at the rate that brings it to `share`. The feed's columns
    /// become NaN and its missing markers 1, exactly what the features hold when it has not arrived.
    @discardableResult
    public static func blank(_ matrix: inout FeatureMatrix, issueUTC: [Int64], feeds: [FeedOutage], share: Double) -> [String: Int] {
        precondition(issueUTC.count == matrix.rowCount, "one issue time per row")
        var blankedRows: [String: Int] = [:]
        guard share > 0, matrix.rowCount > 0 else { return blankedRows }
        for feed in feeds {
            let present = (0..<matrix.rowCount).filter { row in feed.blankedColumns.contains { !matrix[row, $0].isNaN } }
            let missingShare = 1 - Double(present.count) / Double(matrix.rowCount)
            guard missingShare < share else { blankedRows[feed.feed] = 0; continue }
            let rate = (share - missingShare) / (1 - missingShare)
            var count = 0
            for row in present where feed.isOut(issueUTC: issueUTC[row], share: rate) {
                for column in feed.blankedColumns { matrix[row, column] = .nan }
                for column in feed.missingMarkers { matrix[row, column] = 1 }
                count += 1
            }
            blankedRows[feed.feed] = count
        }
        return blankedRows
    }
}
