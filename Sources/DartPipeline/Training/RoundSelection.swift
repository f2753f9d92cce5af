/// Chooses boosting rounds from validation curves of several folds: the mean curve (each fold
/// weighted by its test rows) and the fewest rounds whose mean score is within `tolerance` of
/// the best, so a flat curve does not pick a long, noisy tail.
public enum RoundSelection {
    public static let defaultTolerance = 0.001

    /// - Parameters:
    ///   - curves: per fold, the validation score after each round (lower is better).
    ///   - weights: per fold, its weight (test rows).
    ///   - minimumRounds: never fewer (a floor against an early dip of one noisy fold).
    /// - Returns: the rounds to keep, or nil when no fold recorded a curve.
    public static func choose(curves: [[Double]], weights: [Double], minimumRounds: Int = 1,
                              tolerance: Double = defaultTolerance) -> Int? {
        let length = curves.map(\.count).min() ?? 0
        guard length > 0 else { return nil }
        var mean = [Double](repeating: 0, count: length)
        var total = 0.0
        for (curve, weight) in zip(curves, weights) where curve.prefix(length).allSatisfy(\.isFinite) {
            for round in 0..<length { mean[round] += weight * curve[round] }
            total += weight
        }
        guard total > 0 else { return nil }
        let floor = min(max(minimumRounds, 1), length)
        let candidates = (floor - 1)..<length
        guard let best = candidates.map({ mean[$0] }).min() else { return nil }
        let limit = best + abs(best) * tolerance
        let chosen = candidates.first { mean[$0] <= limit } ?? (length - 1)
        return chosen + 1
    }
}
