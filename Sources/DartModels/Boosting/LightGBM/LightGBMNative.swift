import CLightGBM
import DartFeatures
import Foundation

/// Throws a `BoostingError` with LightGBM's own message unless `status` is success.
func checkLightGBM(_ status: Int32, _ call: String, path: String? = nil) throws {
    guard status == 0 else {
        throw BoostingError.native(.lightgbm, call: call, message: String(cString: LGBM_GetLastError()), path: path)
    }
}

/// Owns a LightGBM `DatasetHandle` (binned features + labels); freed once in `deinit`.
final class LightGBMDataset {
    let handle: DatasetHandle

    /// Bins `features` and attaches `labels`. Validation sets pass the training set as `reference`
    /// so they share its bin boundaries.
    init(features: FeatureMatrix, labels: [Float], weights: [Float]? = nil, parameters: String, reference: LightGBMDataset?) throws {
        var created: DatasetHandle?
        try features.values.withUnsafeBufferPointer { values in
            try checkLightGBM(
                LGBM_DatasetCreateFromMat(
                    values.baseAddress, C_API_DTYPE_FLOAT32, Int32(features.rowCount), Int32(features.columnCount),
                    1, parameters, reference?.handle, &created),
                "LGBM_DatasetCreateFromMat")
        }
        guard let created else {
            throw BoostingError(code: .unexpectedNativeOutput, library: .lightgbm, call: "LGBM_DatasetCreateFromMat",
                                hint: "LightGBM reported success but returned no dataset.")
        }
        handle = created
        try labels.withUnsafeBufferPointer { labels in
            try checkLightGBM(
                LGBM_DatasetSetField(handle, "label", labels.baseAddress, Int32(labels.count), C_API_DTYPE_FLOAT32),
                "LGBM_DatasetSetField")
        }
        if let weights {
            try weights.withUnsafeBufferPointer { weights in
                try checkLightGBM(
                    LGBM_DatasetSetField(handle, "weight", weights.baseAddress, Int32(weights.count), C_API_DTYPE_FLOAT32),
                    "LGBM_DatasetSetField(weight)")
            }
        }
    }

    deinit { LGBM_DatasetFree(handle) }
}

/// Owns a LightGBM `BoosterHandle`; freed once in `deinit`.
final class LightGBMBooster {
    let handle: BoosterHandle
    /// Datasets the booster was trained with; LightGBM keeps pointers to them, so they must outlive it.
    private var datasets: [LightGBMDataset]

    init(train: LightGBMDataset, parameters: String) throws {
        var created: BoosterHandle?
        try checkLightGBM(LGBM_BoosterCreate(train.handle, parameters, &created), "LGBM_BoosterCreate")
        guard let created else {
            throw BoostingError(code: .unexpectedNativeOutput, library: .lightgbm, call: "LGBM_BoosterCreate",
                                hint: "LightGBM reported success but returned no booster.")
        }
        handle = created
        datasets = [train]
    }

    /// Loads a text model written by `save(to:)`.
    init(modelFile url: URL) throws {
        var created: BoosterHandle?
        var iterations: Int32 = 0
        try checkLightGBM(
            LGBM_BoosterCreateFromModelfile(url.path, &iterations, &created), "LGBM_BoosterCreateFromModelfile",
            path: url.path)
        guard let created else {
            throw BoostingError(code: .unexpectedNativeOutput, library: .lightgbm, call: "LGBM_BoosterCreateFromModelfile",
                                path: url.path, hint: "LightGBM reported success but returned no booster.")
        }
        handle = created
        datasets = []
    }

    deinit { LGBM_BoosterFree(handle) }

    func addValidation(_ dataset: LightGBMDataset) throws {
        try checkLightGBM(LGBM_BoosterAddValidData(handle, dataset.handle), "LGBM_BoosterAddValidData")
        datasets.append(dataset)
    }

    /// One boosting round; returns true when LightGBM can find no further split.
    func updateOneRound() throws -> Bool {
        var finished: Int32 = 0
        try checkLightGBM(LGBM_BoosterUpdateOneIter(handle, &finished), "LGBM_BoosterUpdateOneIter")
        return finished != 0
    }

    /// The first metric on validation set `index` (1 = first added validation set).
    func firstMetric(validationIndex index: Int32, buffer: inout [Double]) throws -> Double {
        var written: Int32 = 0
        try buffer.withUnsafeMutableBufferPointer { out in
            try checkLightGBM(LGBM_BoosterGetEval(handle, index, &written, out.baseAddress), "LGBM_BoosterGetEval")
        }
        guard written >= 1 else {
            throw BoostingError(code: .unexpectedNativeOutput, library: .lightgbm, call: "LGBM_BoosterGetEval",
                                hint: "LightGBM returned no validation metric; set `metric` to a real metric.")
        }
        return buffer[0]
    }

    /// Reads the one number a LightGBM getter writes through its out-pointer.
    private func readInt(_ call: String, _ read: (UnsafeMutablePointer<Int32>) -> Int32) throws -> Int {
        var value: Int32 = 0
        try checkLightGBM(read(&value), call)
        return Int(value)
    }

    var metricCount: Int { get throws { try readInt("LGBM_BoosterGetEvalCounts") { LGBM_BoosterGetEvalCounts(handle, $0) } } }

    var roundCount: Int { get throws { try readInt("LGBM_BoosterGetCurrentIteration") { LGBM_BoosterGetCurrentIteration(handle, $0) } } }

    var featureCount: Int { get throws { try readInt("LGBM_BoosterGetNumFeature") { LGBM_BoosterGetNumFeature(handle, $0) } } }

    /// Drops the last `count` rounds (after early stopping overshoots the best round).
    func rollBack(rounds count: Int) throws {
        for _ in 0..<count {
            try checkLightGBM(LGBM_BoosterRollbackOneIter(handle), "LGBM_BoosterRollbackOneIter")
        }
    }

    /// Predicts a row-major Float32 matrix with rounds `startRound ..< startRound + rounds`
    /// (`rounds` ≤ 0: every round from `startRound`). `raw` skips the objective's output transform,
    /// so the outputs of consecutive round ranges add up (staged prediction).
    func predict(_ features: FeatureMatrix, parameters: String, startRound: Int = 0, rounds: Int = -1, raw: Bool = false) throws -> [Float] {
        try predictValues(features, parameters: parameters, startRound: startRound, rounds: rounds, raw: raw).map { Float($0) }
    }

    /// `predict` in LightGBM's own double precision (staged sums stay exact).
    func predictValues(_ features: FeatureMatrix, parameters: String, startRound: Int = 0, rounds: Int = -1, raw: Bool = false) throws -> [Double] {
        let rows = features.rowCount
        guard rows > 0 else { return [] }
        var output = [Double](repeating: 0, count: rows)
        var written: Int64 = 0
        let predictType = raw ? C_API_PREDICT_RAW_SCORE : C_API_PREDICT_NORMAL
        try features.values.withUnsafeBufferPointer { values in
            try output.withUnsafeMutableBufferPointer { out in
                try checkLightGBM(
                    LGBM_BoosterPredictForMat(
                        handle, values.baseAddress, C_API_DTYPE_FLOAT32, Int32(rows), Int32(features.columnCount), 1,
                        predictType, Int32(startRound), Int32(rounds), parameters, &written, out.baseAddress),
                    "LGBM_BoosterPredictForMat")
            }
        }
        guard written == Int64(rows) else {
            throw BoostingError(code: .unexpectedNativeOutput, library: .lightgbm, call: "LGBM_BoosterPredictForMat",
                                value: String(written), hint: "Expected one prediction per row (\(rows)); the model is not a single-output regressor.")
        }
        return output
    }

    /// Writes the LightGBM text model (all kept rounds).
    func save(to url: URL) throws {
        try checkLightGBM(
            LGBM_BoosterSaveModel(handle, 0, -1, C_API_FEATURE_IMPORTANCE_GAIN, url.path), "LGBM_BoosterSaveModel",
            path: url.path)
    }
}
