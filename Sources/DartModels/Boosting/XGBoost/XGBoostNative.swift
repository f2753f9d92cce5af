import CXGBoost
import DartFeatures
import Foundation

/// Throws a `BoostingError` with XGBoost's own message unless `status` is success.
func checkXGBoost(_ status: Int32, _ call: String, path: String? = nil) throws {
    guard status == 0 else {
        throw BoostingError.native(.xgboost, call: call, message: String(cString: XGBGetLastError()), path: path)
    }
}

/// Owns an XGBoost `DMatrixHandle`; freed once in `deinit`. NaN features are missing values.
final class XGBoostMatrix {
    let handle: DMatrixHandle

    init(features: FeatureMatrix, labels: [Float]? = nil, weights: [Float]? = nil) throws {
        var created: DMatrixHandle?
        try features.values.withUnsafeBufferPointer { values in
            try checkXGBoost(
                XGDMatrixCreateFromMat(
                    values.baseAddress, bst_ulong(features.rowCount), bst_ulong(features.columnCount), Float.nan, &created),
                "XGDMatrixCreateFromMat")
        }
        guard let created else {
            throw BoostingError(code: .unexpectedNativeOutput, library: .xgboost, call: "XGDMatrixCreateFromMat",
                                hint: "XGBoost reported success but returned no matrix.")
        }
        handle = created
        if let labels {
            try labels.withUnsafeBufferPointer { labels in
                try checkXGBoost(
                    XGDMatrixSetFloatInfo(handle, "label", labels.baseAddress, bst_ulong(labels.count)), "XGDMatrixSetFloatInfo")
            }
        }
        if let weights {
            try weights.withUnsafeBufferPointer { weights in
                try checkXGBoost(
                    XGDMatrixSetFloatInfo(handle, "weight", weights.baseAddress, bst_ulong(weights.count)), "XGDMatrixSetFloatInfo(weight)")
            }
        }
    }

    deinit { XGDMatrixFree(handle) }
}

/// Owns an XGBoost `BoosterHandle`; freed once in `deinit`.
final class XGBoostBooster {
    let handle: BoosterHandle
    /// Matrices cached by the booster; kept alive as long as it is.
    private let cachedMatrices: [XGBoostMatrix]

    /// A new booster caching `matrices` (training first, then evaluation sets).
    init(caching matrices: [XGBoostMatrix]) throws {
        var created: BoosterHandle?
        let handles: [DMatrixHandle?] = matrices.map { $0.handle }
        try handles.withUnsafeBufferPointer { handles in
            try checkXGBoost(XGBoosterCreate(handles.baseAddress, bst_ulong(handles.count), &created), "XGBoosterCreate")
        }
        guard let created else {
            throw BoostingError(code: .unexpectedNativeOutput, library: .xgboost, call: "XGBoosterCreate",
                                hint: "XGBoost reported success but returned no booster.")
        }
        handle = created
        cachedMatrices = matrices
    }

    /// Loads a model file written by `save(to:)` (`.ubj` = Universal Binary JSON).
    convenience init(modelFile url: URL) throws {
        try self.init(caching: [])
        try checkXGBoost(XGBoosterLoadModel(handle, url.path), "XGBoosterLoadModel", path: url.path)
    }

    private init(adopting handle: BoosterHandle) {
        self.handle = handle
        cachedMatrices = []
    }

    deinit { XGBoosterFree(handle) }

    func set(_ parameters: NativeParameters) throws {
        for (key, value) in parameters.pairs {
            try checkXGBoost(XGBoosterSetParam(handle, key, value), "XGBoosterSetParam(\(key))")
        }
    }

    /// Boosting round `round` (0-based) on `train`.
    func updateOneRound(_ round: Int, train: XGBoostMatrix) throws {
        try checkXGBoost(XGBoosterUpdateOneIter(handle, Int32(round), train.handle), "XGBoosterUpdateOneIter")
    }

    /// XGBoost's evaluation line for `matrix` named `name`, e.g. `[12]\tvalid-mae:3.2`.
    func evaluate(round: Int, on matrix: XGBoostMatrix, named name: String) throws -> String {
        var out: UnsafePointer<CChar>?
        var matrices: [DMatrixHandle?] = [matrix.handle]
        try name.withCString { name in
            var names: [UnsafePointer<CChar>?] = [name]
            try checkXGBoost(
                XGBoosterEvalOneIter(handle, Int32(round), &matrices, &names, 1, &out), "XGBoosterEvalOneIter")
        }
        guard let out else {
            throw BoostingError(code: .unexpectedNativeOutput, library: .xgboost, call: "XGBoosterEvalOneIter",
                                hint: "XGBoost returned no evaluation text.")
        }
        return String(cString: out)
    }

    var boostedRounds: Int {
        get throws {
            var rounds: Int32 = 0
            try checkXGBoost(XGBoosterBoostedRounds(handle, &rounds), "XGBoosterBoostedRounds")
            return Int(rounds)
        }
    }

    /// A new booster with the first `rounds` rounds (after early stopping overshoots the best round).
    func keepingFirst(rounds: Int) throws -> XGBoostBooster {
        var sliced: BoosterHandle?
        try checkXGBoost(XGBoosterSlice(handle, 0, Int32(rounds), 1, &sliced), "XGBoosterSlice")
        guard let sliced else {
            throw BoostingError(code: .unexpectedNativeOutput, library: .xgboost, call: "XGBoosterSlice",
                                hint: "XGBoost reported success but returned no booster.")
        }
        return XGBoostBooster(adopting: sliced)
    }

    /// Predicts `outputCount` values per row, row-major (`rows × outputCount`), with the trees of
    /// rounds `startRound ..< endRound` (`endRound` 0: every round). XGBoost adds its intercept to
    /// every range.
    func predict(_ matrix: XGBoostMatrix, rows: Int, outputCount: Int, startRound: Int = 0, endRound: Int = 0) throws -> [Float] {
        let config = #"{"type": 0, "training": false, "iteration_begin": \#(startRound), "iteration_end": \#(endRound), "strict_shape": true}"#
        var shape: UnsafePointer<bst_ulong>?
        var dimensions: bst_ulong = 0
        var result: UnsafePointer<Float>?
        try checkXGBoost(
            XGBoosterPredictFromDMatrix(handle, matrix.handle, config, &shape, &dimensions, &result),
            "XGBoosterPredictFromDMatrix")
        guard let shape, let result else {
            throw BoostingError(code: .unexpectedNativeOutput, library: .xgboost, call: "XGBoosterPredictFromDMatrix",
                                hint: "XGBoost returned no prediction buffer.")
        }
        let dims = (0..<Int(dimensions)).map { Int(shape[$0]) }
        guard dims == [rows, outputCount] else {
            throw BoostingError(code: .unexpectedNativeOutput, library: .xgboost, call: "XGBoosterPredictFromDMatrix",
                                value: "\(dims)", hint: "Expected prediction shape [\(rows), \(outputCount)]; the model has a different number of outputs.")
        }
        // The buffer belongs to the booster and is reused by the next call: copy it now.
        return Array(UnsafeBufferPointer(start: result, count: rows * outputCount))
    }

    /// Writes the model; the `.ubj` extension selects Universal Binary JSON.
    func save(to url: URL) throws {
        try checkXGBoost(XGBoosterSaveModel(handle, url.path), "XGBoosterSaveModel", path: url.path)
    }
}
