import DartCore
import DartFeatures
import Foundation

/// XGBoost's part of `BoostingModel`: a point booster (`p50`) and one multi-output quantile
/// booster (`quantiles`), as `XGBoostHyperparameters.medianSource` and `trainIntervals` ask.
enum XGBoostBoosting: BoostingNative {
    typealias Hyperparameters = XGBoostHyperparameters
    typealias TrainingData = (train: XGBoostMatrix, validation: XGBoostMatrix?)

    static let library = BoostingLibrary.xgboost
    static let family = ModelFamilyName.xgboost
    static let sidecarFileName = "xgboost.json"
    static let pointKey = "p50"
    static let quantilesKey = "quantiles"

    static func boosterKeys(_ h: XGBoostHyperparameters) -> [String] {
        let trainsPointModel = h.medianSource == .pointModel
        let trainsQuantileModel = h.trainIntervals || h.medianSource == .quantileModel
        return (trainsPointModel ? [pointKey] : []) + (trainsQuantileModel ? [quantilesKey] : [])
    }

    /// Quantile levels of the multi-output booster, in output column order; a 0.5 column only
    /// when it supplies P50, since it would cost a third more and go unused.
    static func quantileLevels(_ h: XGBoostHyperparameters) -> [QuantileOutput] {
        h.medianSource == .pointModel ? [.p10, .p90] : [.p10, .p50, .p90]
    }

    static func trainingData(train: Dataset, validation: Dataset?, _ h: XGBoostHyperparameters) throws -> TrainingData {
        (try XGBoostMatrix(features: train.features, labels: train.target, weights: train.weights),
         try validation.map { try XGBoostMatrix(features: $0.features, labels: $0.target) })
    }

    static func start(_ key: String, on data: TrainingData, _ h: XGBoostHyperparameters) throws -> BoostingRun<XGBoostBooster> {
        let quantiles = key == quantilesKey
        let parameters = try parameters(quantiles: quantiles, h)
        let booster = try XGBoostBooster(caching: [data.train] + (data.validation.map { [$0] } ?? []))
        try booster.set(parameters)
        let metric = quantiles ? "quantile" : "mae"
        return BoostingRun(
            booster: booster,
            update: { round in
                try booster.updateOneRound(round, train: data.train)
                return false
            },
            validationScore: data.validation.map { validation in
                { round in
                    let line = try booster.evaluate(round: round, on: validation, named: "valid")
                    return try XGBoostEvaluationLine.score(in: line, dataset: "valid", metric: metric)
                }
            })
    }

    static func roundCount(_ booster: XGBoostBooster) throws -> Int { try booster.boostedRounds }

    /// The slice copies the learner's configuration (threads, objective, intercept).
    static func keepingFirst(_ rounds: Int, of booster: XGBoostBooster) throws -> XGBoostBooster {
        try booster.keepingFirst(rounds: rounds)
    }

    static func predict(_ boosters: [String: XGBoostBooster], _ features: FeatureMatrix, _ h: XGBoostHyperparameters,
                        rounds: [String: Int]) throws -> QuantileForecast {
        let rows = features.rowCount
        guard rows > 0 else {
            let noRows: [Float]? = h.trainIntervals ? [] : nil
            return QuantileForecast(p50: [], p10: noRows, p90: noRows)
        }
        let matrix = try XGBoostMatrix(features: features)
        let levels = quantileLevels(h)
        let quantileValues = try boosters[quantilesKey]?.predict(matrix, rows: rows, outputCount: levels.count,
                                                                 endRound: rounds[quantilesKey] ?? 0)
        func column(_ level: QuantileOutput) -> [Float]? {
            guard let quantileValues, let offset = levels.firstIndex(of: level) else { return nil }
            return (0..<rows).map { quantileValues[$0 * levels.count + offset] }
        }
        let p50: [Float]
        if let pointBooster = boosters[pointKey] {
            p50 = try pointBooster.predict(matrix, rows: rows, outputCount: 1, endRound: rounds[pointKey] ?? 0)
        } else if let median = column(.p50) {
            p50 = median
        } else {
            throw BoostingError(code: .notFitted, library: .xgboost, hint: "No booster supplies P50; refit or re-save the model.")
        }
        guard h.trainIntervals, let p10 = column(.p10), let p90 = column(.p90) else { return QuantileForecast(p50: p50) }
        return QuantileForecast(p50: p50, p10: p10, p90: p90)
    }

    static func pointBoosterKey(_ h: XGBoostHyperparameters) -> String? { boosterKeys(h).contains(pointKey) ? pointKey : nil }

    /// One prediction per round. XGBoost adds its intercept to each range's output, so it is
    /// taken out once per round: intercept = f[0,1) + f[1,2) − f[0,2) per row.
    static func stagedPredictions(_ booster: XGBoostBooster, _ features: FeatureMatrix, _ h: XGBoostHyperparameters,
                                  _ body: (Int, [Double]) throws -> Void) throws {
        let rows = features.rowCount
        let total = try booster.boostedRounds
        guard rows > 0, total > 0 else { return }
        let matrix = try XGBoostMatrix(features: features)
        func range(_ start: Int, _ end: Int) throws -> [Double] {
            try booster.predict(matrix, rows: rows, outputCount: 1, startRound: start, endRound: end).map(Double.init)
        }
        var sum = try range(0, 1)
        try body(1, sum)
        guard total > 1 else { return }
        let second = try range(1, 2)
        let firstTwo = try range(0, 2)
        let intercept = (0..<rows).map { sum[$0] + second[$0] - firstTwo[$0] }
        for round in 1..<total {
            let tree = round == 1 ? second : try range(round, round + 1)
            for row in 0..<rows { sum[row] += tree[row] - intercept[row] }
            try body(round + 1, sum)
        }
    }

    static func modelFileName(_ key: String) -> String { "xgboost-\(key).ubj" }

    static func save(_ booster: XGBoostBooster, to url: URL) throws { try booster.save(to: url) }

    /// The boosters the saved hyperparameters trained (a missing file is an error).
    static func savedKeys(_ sidecar: BoostingSidecar<XGBoostHyperparameters>, in directory: URL) throws -> [String] {
        boosterKeys(sidecar.hyperparameters)
    }

    static func loadBooster(from url: URL, sidecar: BoostingSidecar<XGBoostHyperparameters>) throws -> XGBoostBooster {
        let booster = try XGBoostBooster(modelFile: url)
        var threads = NativeParameters()
        threads.set("nthread", "\(sidecar.hyperparameters.numThreads)")
        try booster.set(threads)
        return booster
    }

    /// XGBoost parameters for the point or the quantile booster; raw overrides are applied last.
    private static func parameters(quantiles: Bool, _ h: XGBoostHyperparameters) throws -> NativeParameters {
        var p = NativeParameters()
        if quantiles {
            p.set("objective", "reg:quantileerror")
            p.set("quantile_alpha", "[" + quantileLevels(h).map { "\($0.alpha)" }.joined(separator: ",") + "]")
            p.set("eval_metric", "quantile")
        } else {
            switch h.objective {
            case .absoluteError:
                p.set("objective", "reg:absoluteerror")
            case .pseudoHuber(let slope):
                p.set("objective", "reg:pseudohubererror")
                p.set("huber_slope", "\(slope)")
            }
            // Early stopping on MAE for both objectives: MAE is what the project reports.
            p.set("eval_metric", "mae")
        }
        p.set("tree_method", "hist")
        p.set("max_depth", "\(h.maxDepth)")
        p.set("eta", "\(h.learningRate)")
        p.set("min_child_weight", "\(h.minChildWeight)")
        p.set("subsample", "\(h.subsample)")
        p.set("colsample_bytree", "\(h.columnSampleByTree)")
        p.set("lambda", "\(h.lambda)")
        p.set("alpha", "\(h.alpha)")
        p.set("max_bin", "\(h.maxBin)")
        p.set("seed", "\(h.seed)")
        p.set("nthread", "\(h.numThreads)")
        p.set("verbosity", "0")
        try p.override(with: h.rawParameters, library: .xgboost)
        return p
    }
}
