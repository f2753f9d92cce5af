import DartCore
import DartFeatures

/// Rolling-origin cross-validation inside one refit: fold k tests the issue times of the k-th
/// block of `cvFoldDays` (or of the explicit `foldOrigins`) before the cutoff and trains on the rows whose DART was already known
/// at the block's first instant, exactly as a refit at that moment would have. Several folds
/// instead of one validation slice, because a heavy-tailed target makes one slice noise.
public struct RollingOriginFold: Sendable, Hashable {
    /// The fold's origin: its first issue instant (UTC seconds).
    public var originUTC: Int64
    public var trainRows: [Int]
    public var testRows: [Int]
}

extension TrainingWindow {
    /// Minimum training rows for a fold to be worth fitting.
    static let minimumFoldTrainRows = 200

    /// The folds over `rows` (usable rows of `frame`), oldest first. Blocks without test rows or
    /// with fewer than 200 training rows are skipped, so a short history yields fewer folds.
    public func folds(_ rows: [Int], frame: FeatureFrame, rules: MarketRules) -> [RollingOriginFold] {
        guard cvFolds > 0 else { return [] }
        var folds: [RollingOriginFold] = []
        for (origin, end) in foldBlocks {
            let test = rows.filter { frame.issueUTC[$0] >= origin && frame.issueUTC[$0] < end }
            let train = rows.filter { frame.issueUTC[$0] < origin && rules.rtKnownAt(hourStartUTC: frame.targetUTC[$0]) <= origin }
            guard !test.isEmpty, train.count >= Self.minimumFoldTrainRows else { continue }
            folds.append(RollingOriginFold(originUTC: origin, trainRows: train, testRows: test))
        }
        return folds
    }

    /// Each fold's first and end instant, oldest first.
    var foldBlocks: [(origin: Int64, end: Int64)] {
        if !foldOrigins.isEmpty {
            return zip(foldOrigins, foldOrigins.dropFirst() + [cutoffUTC]).map { ($0, $1) }
        }
        let span = Int64(cvFoldDays) * 86_400
        return stride(from: cvFolds, through: 1, by: -1).map { k in (cutoffUTC - Int64(k) * span, cutoffUTC - Int64(k - 1) * span) }
    }
}
