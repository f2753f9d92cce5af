/// Tracks the best validation score (lower is better) and says when to stop boosting.
struct EarlyStoppingTracker {
    /// Rounds without improvement before stopping.
    let patience: Int
    private(set) var bestScore = Double.infinity
    /// Number of rounds (1-based) of the best model so far; 0 before any round is recorded.
    private(set) var bestRoundCount = 0

    init(patience: Int) {
        self.patience = patience
    }

    /// Records the score after `roundCount` rounds; returns true when training should stop.
    mutating func record(score: Double, afterRounds roundCount: Int) -> Bool {
        // NaN never counts as an improvement, so a diverging metric stops training.
        if score < bestScore {
            bestScore = score
            bestRoundCount = roundCount
            return false
        }
        return roundCount - bestRoundCount >= patience
    }
}

/// The boosting loop shared by both libraries.
enum BoostingLoop {
    struct Outcome {
        /// Rounds run before stopping.
        var completedRounds: Int
        /// Rounds to keep: the best validation round, or all completed rounds without validation.
        var bestRounds: Int
        /// Best validation score (infinity without validation).
        var bestScore: Double
        /// Validation score after each round (empty without validation): cross-validation
        /// averages these curves over folds to choose the number of rounds.
        var curve: [Double]
    }

    /// Calls `update(round)` (0-based) up to `maxRounds` times; `update` returns true when the
    /// library can grow no further trees. After each round `validationScore(round)`, if given,
    /// feeds early stopping; `patience` ≤ 0 disables stopping (fixed rounds) but still records the curve.
    static func run(
        maxRounds: Int, patience: Int,
        update: (Int) throws -> Bool,
        validationScore: ((Int) throws -> Double)?
    ) throws -> Outcome {
        var tracker = EarlyStoppingTracker(patience: patience)
        var completed = 0
        var curve: [Double] = []
        let stopsEarly = patience > 0
        for round in 0..<max(maxRounds, 1) {
            let exhausted = try update(round)
            completed = round + 1
            if let validationScore {
                let score = try validationScore(round)
                curve.append(score)
                if tracker.record(score: score, afterRounds: completed), stopsEarly { break }
            }
            if exhausted { break }
        }
        let best = validationScore == nil || !stopsEarly ? completed : max(tracker.bestRoundCount, 1)
        return Outcome(completedRounds: completed, bestRounds: best, bestScore: tracker.bestScore, curve: curve)
    }
}
