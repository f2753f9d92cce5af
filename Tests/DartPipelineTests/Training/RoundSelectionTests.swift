@testable import DartPipeline
import Testing

/// Rounds chosen from several fold curves, never from one.
@Suite struct RoundSelectionTests {
    @Test func meanCurveOfFoldsDecides() {
        // Fold A alone would pick round 2, fold B alone round 4; weighted by rows the mean is lowest at 4.
        let a = [10.0, 8.0, 9.0, 9.5]
        let b = [10.0, 9.0, 8.0, 7.0]
        #expect(RoundSelection.choose(curves: [a], weights: [1], tolerance: 0) == 2)
        #expect(RoundSelection.choose(curves: [a, b], weights: [1, 3], tolerance: 0) == 4)
        #expect(RoundSelection.choose(curves: [a, b], weights: [3, 1], tolerance: 0) == 2)
    }

    @Test func flatTailPicksTheFewestRoundsWithinTolerance() {
        let curve = [10.0, 6.0, 5.003, 5.001, 5.0]
        #expect(RoundSelection.choose(curves: [curve], weights: [1], tolerance: 0.001) == 3)
        #expect(RoundSelection.choose(curves: [curve], weights: [1], tolerance: 0) == 5)
    }

    @Test func floorAndEmptyCurves() {
        let curve = [1.0, 2.0, 3.0, 4.0]
        #expect(RoundSelection.choose(curves: [curve], weights: [1], minimumRounds: 3, tolerance: 0) == 3)
        #expect(RoundSelection.choose(curves: [], weights: []) == nil)
        #expect(RoundSelection.choose(curves: [[]], weights: [1]) == nil)
        // Folds of different length are compared over the common prefix.
        #expect(RoundSelection.choose(curves: [[3, 2, 1], [3, 2]], weights: [1, 1], tolerance: 0) == 2)
    }

    @Test func theBudgetStandsUnlessFewerRoundsAreClearlyBetter() {
        // Best at round 2 by 0.2%: within a 0.5% margin the full budget is kept.
        let flat = [10.0, 9.98, 9.99, 10.0]
        #expect(RoundSelection.choose(curves: [flat], weights: [1], tolerance: 0, budgetMargin: 0.005) == 4)
        #expect(RoundSelection.choose(curves: [flat], weights: [1], tolerance: 0, budgetMargin: 0) == 2)
        // Best at round 2 by 10%: fewer rounds win.
        let overfit = [10.0, 9.0, 9.5, 10.0]
        #expect(RoundSelection.choose(curves: [overfit], weights: [1], tolerance: 0, budgetMargin: 0.005) == 2)
    }
}
