import DartConfig
import DartCore
import DartFeatures
import DartTesting
import Foundation
import Testing
@testable import DartPipeline

/// `dartcast tune`: the grid search and the feature-group ablation on real sample data.
@Suite(.serialized) struct TuningTests {
    @Test func searchKeepsTheConfiguredSettingsUnlessACandidateClearlyWins() throws {
        let (workspace, history, builder) = try CrossValidatedTrainingTests.stocked(families: ["lightgbm"])
        let window = TrainingWindow(product: .dayahead, cutoffUTC: CrossValidatedTrainingTests.cutoff, windowDays: 0, cvFolds: 2, cvFoldDays: 30)
        let study = CrossValidationStudy(rules: workspace.rules, families: workspace.families, logger: workspace.logger)
        let grid: [ModelFamilyName: [[String: Double]]] = [.lightgbm: [["learning_rate": 0.1], ["learning_rate": 0.9, "num_leaves": 255]]]
        // An impossible margin: no candidate may replace the configured settings.
        let strict = try HyperparameterSearch(study: study).run(history: history, builder: builder, window: window, grid: grid, margin: 0.99)
        #expect(strict.candidates.count == 2)  // the configured learning rate is 0.1: that variant is the default itself
        #expect(strict.folds.count == 2)
        let defaults = strict.candidates.filter(\.isDefault)
        let configured = try #require(defaults.first)
        #expect(strict.chosen["lightgbm"]?.settings == configured.settings)
        #expect(strict.candidates.allSatisfy { $0.foldMAE.count == 2 && $0.outOfFoldMAE.isFinite && $0.chosenRounds["p50"] != nil })
        // With no margin the lowest out-of-fold MAE wins.
        let loose = try HyperparameterSearch(study: study).run(history: history, builder: builder, window: window, grid: grid, margin: 0)
        let sorted = loose.candidates.sorted { $0.outOfFoldMAE < $1.outOfFoldMAE }
        let best = try #require(sorted.first)
        #expect(loose.chosen["lightgbm"]?.outOfFoldMAE == best.outOfFoldMAE)
    }

    @Test func ablationScoresEveryGroupByLeavingItOut() throws {
        let (workspace, history, _) = try CrossValidatedTrainingTests.stocked(families: ["lightgbm"])
        let window = TrainingWindow(product: .dayahead, cutoffUTC: CrossValidatedTrainingTests.cutoff, windowDays: 0, cvFolds: 2, cvFoldDays: 30)
        let study = CrossValidationStudy(rules: workspace.rules, families: workspace.families, logger: workspace.logger)
        let result = try FeatureGroupAblation(study: study).run(history: history, pointCategories: history.points,
                                                                regimes: workspace.settings.features.regimes, window: window)
        #expect(result.variants.count == 2 + FeatureGroup.allCases.count)
        #expect(result.variants.first { $0.name == "no group" }?.features == 83)
        let withAll = result.variants.filter { $0.name == "all groups" }
        let all = try #require(withAll.first)
        #expect(all.features > 83)
        #expect(result.verdicts.map(\.group) == FeatureGroup.allCases.map(\.rawValue))
        for verdict in result.verdicts {
            let matching = result.variants.filter { $0.name == "without \(verdict.group)" }
            let without = try #require(matching.first)
            #expect(abs(verdict.maeCostOfDropping - (without.outOfFoldMAE - all.outOfFoldMAE)) < 1e-12)
            #expect(verdict.keep == (verdict.maeCostOfDropping > all.outOfFoldMAE * result.margin))
        }
    }
}
