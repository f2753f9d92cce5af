import DartConfig
import DartCore
import DartFeatures
import DartModels
import Foundation
import Logging

/// `dartcast tune`: a grid of the few settings that matter (learning rate and capacity), each
/// judged by rolling-origin cross-validation over many folds of the data known at the cutoff,
/// rounds chosen from the mean fold curves. A candidate replaces the default only when it beats
/// it by more than `margin` of out-of-fold MAE: development data rarely separates close
/// settings, and the default then wins (simple beats clever when the evidence is a tie).
public struct HyperparameterSearch: Sendable {
    public let study: CrossValidationStudy

    public init(study: CrossValidationStudy) {
        self.study = study
    }

    public static let defaultMargin = 0.005

    public struct Candidate: Codable, Sendable {
        public var family: String
        /// The settings that differ from the configured ones.
        public var settings: [String: Double]
        public var chosenRounds: [String: Int]
        public var outOfFoldMAE: Double
        public var relativeToZero: Double
        public var foldMAE: [Double]
        public var isDefault: Bool
    }

    public struct Result: Codable, Sendable {
        public var product: ForecastProduct
        public var cutoffUTC: String
        public var folds: [CrossValidationSummary.Fold]
        public var zeroMAE: Double
        public var candidates: [Candidate]
        /// Per family: the chosen candidate (the default unless another beat it by the margin).
        public var chosen: [String: Candidate]
        public var margin: Double
    }

    /// The default grid: learning rate × capacity per booster family, the configured values included.
    public static func defaultGrid(product: ForecastProduct) -> [ModelFamilyName: [[String: Double]]] {
        [.lightgbm: [0.03, 0.05, 0.1].flatMap { rate in [15.0, 31, 63].map { ["learning_rate": rate, "num_leaves": $0] } },
         .xgboost: [0.03, 0.05, 0.1].flatMap { rate in [4.0, 6, 8].map { ["eta": rate, "max_depth": $0] } }]
    }

    public func run(history: MarketHistory, builder: FeatureBuilder, window: TrainingWindow,
                    grid: [ModelFamilyName: [[String: Double]]], margin: Double = defaultMargin) throws -> Result {
        let rules = study.rules
        let (frame, usable, folds) = try study.folds(history: history, builder: builder, window: window)
        let base = study.families.forProduct(window.product)
        var candidates: [Candidate] = []
        var summaryFolds: [CrossValidationSummary.Fold] = []
        var zeroMAE = Double.nan
        let total = grid.values.map { $0.count + 1 }.reduce(0, +)
        var done = 0
        for family in grid.keys.sorted(by: { $0.rawValue < $1.rawValue }) {
            let configured = base.values(family)
            let variants = [[:]] + (grid[family] ?? []).filter { variant in variant.contains { configured[$0.key] != $0.value } }
            for variant in variants {
                var settings = base.settings
                settings.hyperparameters[family] = configured.merging(variant) { _, new in new }
                settings.hourlyHyperparameters = [:]
                let trainer = ModelTrainer(rules: rules, families: ModelFamilies(settings: settings, threadsPerModel: base.threadsPerModel,
                                                                                   product: window.product, table: base.table), logger: study.logger)
                var training = CrossValidatedTraining(trainer: trainer, frame: frame, usable: usable, folds: folds, window: window)
                training.finalFit = false
                let outcome = try training.run(featureSeconds: 0, familiesToTrain: [family], buildEnsemble: false)
                if let failure = outcome.failures.first { throw PipelineError(.training, "\(family.rawValue) \(variant): \(failure.error)") }
                guard let summary = outcome.crossValidation, let mae = summary.outOfFoldMAE[family.rawValue] else { continue }
                summaryFolds = summary.folds.map { var fold = $0; fold.familyMAE = [:]; return fold }
                zeroMAE = summary.zeroMAE
                candidates.append(Candidate(
                    family: family.rawValue, settings: variant.isEmpty ? [:] : variant, chosenRounds: summary.chosenRounds[family.rawValue] ?? [:],
                    outOfFoldMAE: mae, relativeToZero: mae / summary.zeroMAE,
                    foldMAE: summary.folds.map { $0.familyMAE[family.rawValue] ?? .nan }, isDefault: variant.isEmpty))
                done += 1
                study.progress(String(format: "tune %d/%d  %@ %@  out-of-fold MAE %.3f (rMAE %.4f)", done, total, family.rawValue,
                                Self.describe(variant), mae, mae / summary.zeroMAE))
            }
        }
        var chosen: [String: Candidate] = [:]
        for family in Set(candidates.map(\.family)) {
            let own = candidates.filter { $0.family == family }
            guard let fallback = own.first(where: \.isDefault), let best = own.min(by: { $0.outOfFoldMAE < $1.outOfFoldMAE }) else { continue }
            chosen[family] = best.outOfFoldMAE < fallback.outOfFoldMAE * (1 - margin) ? best : fallback
        }
        return Result(product: window.product, cutoffUTC: UTCFormat.iso8601(window.cutoffUTC), folds: summaryFolds, zeroMAE: zeroMAE,
                      candidates: candidates, chosen: chosen, margin: margin)
    }

    static func describe(_ settings: [String: Double]) -> String {
        settings.isEmpty ? "(configured)" : settings.sorted { $0.key < $1.key }.map { "\($0.key)=\(JSONNumber.format($0.value))" }.joined(separator: " ")
    }
}

/// What a study needs (tuning, ablation, the walk-forward backtest): market rules, the model families, a
/// logger and a progress sink.
public struct CrossValidationStudy: Sendable {
    public let rules: MarketRules
    public let families: ModelFamilies
    public let logger: Logger
    public let progress: @Sendable (String) -> Void

    public init(rules: MarketRules, families: ModelFamilies, logger: Logger, progress: @escaping @Sendable (String) -> Void = { _ in }) {
        self.rules = rules
        self.families = families
        self.logger = logger
        self.progress = progress
    }

    /// The feature frame of `window`, its usable rows and its folds.
    /// - Throws: `PipelineError.noData` when no fold has enough training rows.
    func folds(history: MarketHistory, builder: FeatureBuilder, window: TrainingWindow) throws -> (FeatureFrame, [Int], [RollingOriginFold]) {
        let frame = try window.trainingFrame(history: history, builder: builder, rules: rules)
        let usable = window.usableRows(frame, rules: rules)
        let folds = window.folds(usable, frame: frame, rules: rules)
        guard !folds.isEmpty else {
            throw PipelineError(.noData, "no cross-validation fold has 200 training rows before \(UTCFormat.iso8601(window.cutoffUTC)); ingest more history or use fewer --folds")
        }
        return (frame, usable, folds)
    }
}

/// Numbers as people write them in settings: 0.03, 63.
enum JSONNumber {
    static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}
