import DartCore
import DartFeatures
import Foundation

/// LightGBM's part of `BoostingModel`: one booster per output (`p50`, and `p10`/`p90` with
/// intervals), all trained on one binned dataset.
enum LightGBMBoosting: BoostingNative {
    typealias Hyperparameters = LightGBMHyperparameters
    typealias TrainingData = (train: LightGBMDataset, validation: LightGBMDataset?)

    static let library = BoostingLibrary.lightgbm
    static let family = ModelFamilyName.lightgbm
    static let sidecarFileName = "lightgbm.json"

    static func boosterKeys(_ h: LightGBMHyperparameters) -> [String] {
        (h.trainIntervals ? [QuantileOutput.p50, .p10, .p90] : [.p50]).map(\.rawValue)
    }

    static func trainingData(train: Dataset, validation: Dataset?, _ h: LightGBMHyperparameters) throws -> TrainingData {
        // The binned dataset is built once with the point model's parameters and shared by every booster.
        let parameters = try parameters(for: .p50, h).spaceSeparated
        let trainSet = try LightGBMDataset(
            features: train.features, labels: train.target, weights: train.weights, parameters: parameters, reference: nil)
        let validationSet = try validation.map {
            try LightGBMDataset(features: $0.features, labels: $0.target, parameters: parameters, reference: trainSet)
        }
        return (trainSet, validationSet)
    }

    static func start(_ key: String, on data: TrainingData, _ h: LightGBMHyperparameters) throws -> BoostingRun<LightGBMBooster> {
        let output = QuantileOutput(rawValue: key) ?? .p50
        let booster = try LightGBMBooster(train: data.train, parameters: try parameters(for: output, h).spaceSeparated)
        guard let validationSet = data.validation else {
            return BoostingRun(booster: booster, update: { _ in try booster.updateOneRound() }, validationScore: nil)
        }
        try booster.addValidation(validationSet)
        var metrics = [Double](repeating: .nan, count: max(try booster.metricCount, 1))
        return BoostingRun(booster: booster, update: { _ in try booster.updateOneRound() },
                           validationScore: { _ in try booster.firstMetric(validationIndex: 1, buffer: &metrics) })
    }

    static func roundCount(_ booster: LightGBMBooster) throws -> Int { try booster.roundCount }

    static func keepingFirst(_ rounds: Int, of booster: LightGBMBooster) throws -> LightGBMBooster {
        try booster.rollBack(rounds: try booster.roundCount - rounds)
        return booster
    }

    static func predict(_ boosters: [String: LightGBMBooster], _ features: FeatureMatrix, _ h: LightGBMHyperparameters,
                        rounds: [String: Int]) throws -> QuantileForecast {
        guard let point = boosters[QuantileOutput.p50.rawValue] else { throw notFitted }
        guard features.rowCount <= Int(Int32.max) else {
            throw BoostingError(code: .invalidTrainingData, library: .lightgbm, value: String(features.rowCount),
                                hint: "Too many rows for one LightGBM call; predict in batches.")
        }
        let predictParameters = "num_threads=\(h.numThreads)"
        func output(_ key: QuantileOutput, _ booster: LightGBMBooster) throws -> [Float] {
            try booster.predict(features, parameters: predictParameters, rounds: rounds[key.rawValue] ?? -1)
        }
        let p50 = try output(.p50, point)
        guard let lower = boosters[QuantileOutput.p10.rawValue], let upper = boosters[QuantileOutput.p90.rawValue] else {
            return QuantileForecast(p50: p50)
        }
        return QuantileForecast(p50: p50, p10: try output(.p10, lower), p90: try output(.p90, upper))
    }

    static func pointBoosterKey(_ h: LightGBMHyperparameters) -> String? { QuantileOutput.p50.rawValue }

    /// One raw prediction per round (LightGBM folds its starting average into the first tree), summed.
    static func stagedPredictions(_ booster: LightGBMBooster, _ features: FeatureMatrix, _ h: LightGBMHyperparameters,
                                  _ body: (Int, [Double]) throws -> Void) throws {
        let parameters = "num_threads=\(h.numThreads)"
        var sum = [Double](repeating: 0, count: features.rowCount)
        for round in 0..<(try booster.roundCount) {
            let tree = try booster.predictValues(features, parameters: parameters, startRound: round, rounds: 1, raw: true)
            for row in sum.indices { sum[row] += tree[row] }
            try body(round + 1, sum)
        }
    }

    static func modelFileName(_ key: String) -> String { "lightgbm-\(key).txt" }

    static func save(_ booster: LightGBMBooster, to url: URL) throws { try booster.save(to: url) }

    static func savedKeys(_ sidecar: BoostingSidecar<LightGBMHyperparameters>, in directory: URL) throws -> [String] {
        try sidecar.modelFiles.keys.sorted().map { key in
            guard QuantileOutput(rawValue: key) != nil else {
                throw BoostingError(code: .artifactUnreadable, library: .lightgbm, path: directory.path, key: key,
                                    hint: "Unknown model output '\(key)' in the sidecar; re-save the model.")
            }
            return key
        }
    }

    static func loadBooster(from url: URL, sidecar: BoostingSidecar<LightGBMHyperparameters>) throws -> LightGBMBooster {
        let booster = try LightGBMBooster(modelFile: url)
        let count = try booster.featureCount
        guard count == sidecar.featureNames.count else {
            throw BoostingError(code: .artifactUnreadable, library: .lightgbm, path: url.path, value: String(count),
                                hint: "The model has \(count) features but the sidecar names \(sidecar.featureNames.count); the directory mixes models.")
        }
        return booster
    }

    static func requireComplete(_ boosters: [String: LightGBMBooster], in directory: URL) throws {
        guard boosters[QuantileOutput.p50.rawValue] != nil else {
            throw BoostingError(code: .artifactUnreadable, library: .lightgbm, path: directory.path, key: "p50",
                                hint: "The sidecar lists no P50 model; re-save the model.")
        }
    }

    /// LightGBM parameters for one output; raw overrides are applied last.
    private static func parameters(for output: QuantileOutput, _ h: LightGBMHyperparameters) throws -> NativeParameters {
        var p = NativeParameters()
        switch output {
        case .p50:
            switch h.objective {
            case .l1:
                p.set("objective", "l1")
            case .huber(let delta):
                p.set("objective", "huber")
                p.set("alpha", "\(delta)")
            case .fair(let c):
                p.set("objective", "fair")
                p.set("fair_c", "\(c)")
            }
            // Early stopping on MAE for both objectives: MAE is what the project reports.
            p.set("metric", "l1")
        case .p10, .p90:
            p.set("objective", "quantile")
            p.set("alpha", "\(output.alpha)")
            p.set("metric", "quantile")
        }
        p.set("num_leaves", "\(h.numLeaves)")
        p.set("learning_rate", "\(h.learningRate)")
        p.set("min_data_in_leaf", "\(h.minDataInLeaf)")
        p.set("feature_fraction", "\(h.featureFraction)")
        p.set("bagging_fraction", "\(h.baggingFraction)")
        p.set("bagging_freq", "\(h.baggingFrequency)")
        p.set("lambda_l1", "\(h.lambdaL1)")
        p.set("lambda_l2", "\(h.lambdaL2)")
        p.set("max_bin", "\(h.maxBin)")
        p.set("seed", "\(h.seed)")
        p.set("num_threads", "\(h.numThreads)")
        p.set("deterministic", "true")
        // Fixing the histogram layout skips LightGBM's timing-based choice, which would be non-deterministic.
        p.set("force_row_wise", "true")
        p.set("verbosity", "-1")
        try p.override(with: h.rawParameters, library: .lightgbm)
        return p
    }
}
