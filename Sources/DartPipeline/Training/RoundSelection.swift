/// Chooses boosting rounds from validation curves of several folds, from their mean curve (each
/// fold weighted by its test rows). The configured budget stands unless fewer rounds are better
/// by more than `budgetMargin`: on development data a month's heavy tail makes the curve flat
/// and noisy, and cutting a fixed, modest budget on such evidence generalised worse (the 400
/// fixed rounds of the reference script beat early stopping on later months). When fewer rounds
/// are clearly better, the fewest within `tolerance` of the best are kept.
public enum RoundSelection {
    public static let defaultTolerance = 0.001
    public static let defaultBudgetMargin = 0.005

    /// - Parameters:
    ///   - curves: per fold, the validation score after each round (lower is better).
    ///   - weights: per fold, its weight (test rows).
    ///   - minimumRounds: never fewer (a floor against an early dip of one noisy fold).
    /// - Returns: the rounds to keep, or nil when no fold recorded a curve.
    public static func choose(curves: [[Double]], weights: [Double], minimumRounds: Int = 1,
                              tolerance: Double = defaultTolerance, budgetMargin: Double = 0) -> Int? {
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
        if budgetMargin > 0, mean[length - 1] <= best + abs(best) * budgetMargin { return length }
        let limit = best + abs(best) * tolerance
        let chosen = candidates.first { mean[$0] <= limit } ?? (length - 1)
        return chosen + 1
    }
}
