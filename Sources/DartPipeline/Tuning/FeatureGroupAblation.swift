import DartConfig
import DartCore
import DartFeatures
import DartModels
import Foundation
import Logging

/// `dartcast tune --features`: each optional feature group judged by rolling-origin
/// cross-validation — the out-of-fold MAE with every group, with none, and with every group but
/// one. A group earns its place when leaving it out costs more than `margin` of MAE.
public struct FeatureGroupAblation: Sendable {
    public let study: CrossValidationStudy

    public init(study: CrossValidationStudy) {
        self.study = study
    }

    public struct Variant: Codable, Sendable {
        public var name: String
        public var groups: [String]
        public var features: Int
        public var outOfFoldMAE: Double
        public var relativeToZero: Double
        public var foldMAE: [Double]
    }

    public struct Verdict: Codable, Sendable {
        public var group: String
        /// Out-of-fold MAE without the group minus with every group (> 0: the group helps).
        public var maeCostOfDropping: Double
        public var keep: Bool
    }

    public struct Result: Codable, Sendable {
        public var product: ForecastProduct
        public var cutoffUTC: String
        public var family: String
        public var zeroMAE: Double
        public var variants: [Variant]
        public var verdicts: [Verdict]
        public var margin: Double
    }

    /// - Parameter excludedColumns: `features.exclude` and `hourly_exclude`; each variant leaves out those it builds.
    public func run(history: MarketHistory, pointCategories: [SettlementPoint], regimes: MarketRegimes, window: TrainingWindow,
                    excludedColumns: (all: [String], hourly: [String]) = ([], []), family: ModelFamilyName = .lightgbm,
                    margin: Double = HyperparameterSearch.defaultMargin) throws -> Result {
        let all = FeatureGroup.allCases
        var plan: [(String, [FeatureGroup])] = [("all groups", all), ("no group", [])]
        plan += all.map { group in ("without \(group.rawValue)", all.filter { $0 != group }) }
        let rules = study.rules
        let trainer = ModelTrainer(rules: rules, families: study.families.forProduct(window.product), logger: study.logger)
        var variants: [Variant] = []
        var zeroMAE = Double.nan
        for (index, (name, groups)) in plan.enumerated() {
            var configuration = FeatureBuilder.Configuration(pointCategories: pointCategories, groups: Set(groups), regimes: regimes)
            let built = Set(try FeatureBuilder(rules: rules, configuration: configuration).featureNames)
            configuration.excludedColumns = excludedColumns.all.filter(built.contains)
            configuration.hourlyExcludedColumns = excludedColumns.hourly.filter(built.contains)
            let builder = try FeatureBuilder(rules: rules, configuration: configuration)
            let (frame, usable, folds) = try study.folds(history: history, builder: builder, window: window)
            var training = CrossValidatedTraining(trainer: trainer, frame: frame, usable: usable, folds: folds, window: window)
            training.finalFit = false
            let outcome = try training.run(featureSeconds: 0, familiesToTrain: [family], buildEnsemble: false)
            if let failure = outcome.failures.first { throw PipelineError(.training, "\(name): \(failure.error)") }
            guard let summary = outcome.crossValidation, let mae = summary.outOfFoldMAE[family.rawValue] else { continue }
            zeroMAE = summary.zeroMAE
            variants.append(Variant(name: name, groups: groups.map(\.rawValue), features: frame.features.columnCount, outOfFoldMAE: mae,
                                    relativeToZero: mae / summary.zeroMAE, foldMAE: summary.folds.map { $0.familyMAE[family.rawValue] ?? .nan }))
            study.progress(String(format: "features %d/%d  %@: %d columns, out-of-fold MAE %.3f (rMAE %.4f)", index + 1, plan.count, name,
                            frame.features.columnCount, mae, mae / summary.zeroMAE))
        }
        let withAll = variants.first { $0.name == "all groups" }?.outOfFoldMAE ?? .nan
        let verdicts = all.compactMap { group -> Verdict? in
            guard let without = variants.first(where: { $0.name == "without \(group.rawValue)" }) else { return nil }
            let cost = without.outOfFoldMAE - withAll
            return Verdict(group: group.rawValue, maeCostOfDropping: cost, keep: cost > withAll * margin)
        }
        return Result(product: window.product, cutoffUTC: UTCFormat.iso8601(window.cutoffUTC), family: family.rawValue, zeroMAE: zeroMAE,
                      variants: variants, verdicts: verdicts, margin: margin)
    }
}
