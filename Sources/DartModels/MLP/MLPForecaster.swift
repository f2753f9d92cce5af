import DartCore
import DartFeatures
import Foundation
import Logging

/// A fully connected network (ReLU hidden layers, default 64 → 32) forecasting DART with three
/// quantile heads, P10/P50/P90, trained with pinball loss (see `MLPObjective`) by Adam on
/// OpenBLAS `sgemm`, in Float32.
///
/// Inputs are standardised with training-row statistics (`InputStandardizer`: NaN → mean, plus
/// missing indicators); the target is scaled by median and IQR (`RobustTargetScaler`) and
/// unscaled at prediction. Quantiles are sorted per row so they never cross.
/// Deterministic: the same seed and data give bit-identical weights on one machine, because
/// `fit` and `predict` set OpenBLAS to one thread.
public final class MLPForecaster: Forecaster {
    public let family = ModelFamilyName.mlp
    public let hyperparameters: MLPHyperparameters
    public private(set) var featureNames: [String] = []
    /// Present after `fit` (or `load` of a model saved after fit).
    public private(set) var trainingSummary: MLPTrainingSummary?

    var state: TrainedState?
    private let logger: Logger

    /// Everything prediction needs.
    struct TrainedState {
        var network: MLPNetwork<Float>
        var standardizer: InputStandardizer
        var targetScaler: RobustTargetScaler
    }

    /// A logger that drops everything, for callers that do not want training logs.
    public static var silentLogger: Logger { Logger(label: "dartcast.mlp", factory: { _ in SwiftLogNoOpLogHandler() }) }

    /// - Parameters:
    ///   - hyperparameters: checked at `fit`.
    ///   - logger: receives one info line per fit and a debug line per epoch.
    public init(hyperparameters: MLPHyperparameters = MLPHyperparameters(), logger: Logger = MLPForecaster.silentLogger) {
        self.hyperparameters = hyperparameters
        self.logger = logger
    }

    init(hyperparameters: MLPHyperparameters, featureNames: [String], state: TrainedState,
         trainingSummary: MLPTrainingSummary?, logger: Logger) {
        self.hyperparameters = hyperparameters
        self.featureNames = featureNames
        self.state = state
        self.trainingSummary = trainingSummary
        self.logger = logger
    }

    /// Trains from scratch (a refit replaces the previous weights).
    /// - Parameters:
    ///   - train: time-ordered rows; the target must be finite.
    ///   - validation: later rows for early stopping; when `nil` or empty the last
    ///     `validationFraction` of `train` is held out instead.
    /// - Throws: `MLPError` for bad hyperparameters, an empty or too small training set, a
    ///   non-finite target, an infinite feature, validation columns that differ from `train`,
    ///   or a diverging loss.
    public func fit(train: Dataset, validation: Dataset?) throws {
        try hyperparameters.validate()
        guard train.features.rowCount > 0 else {
            throw MLPError(.emptyTrainingSet, "the training set has no rows; widen the training window or check the data load")
        }
        let names = train.features.names
        let validationSource: Dataset
        let trainRows: Range<Int>, validationRows: Range<Int>
        let carved: Bool
        if let validation, validation.features.rowCount > 0 {
            try Self.checkColumns(validation.features.names, expected: names, what: "validation")
            validationSource = validation
            trainRows = 0..<train.features.rowCount
            validationRows = 0..<validation.features.rowCount
            carved = false
        } else {
            let total = train.features.rowCount
            let held = Int((Double(total) * hyperparameters.validationFraction).rounded())
            guard held >= 1, total - held >= 1 else {
                throw MLPError(.tooFewTrainingRows,
                               "\(total) training rows leave nothing to hold out for early stopping; pass a validation set or more rows",
                               value: "\(total)")
            }
            validationSource = train
            trainRows = 0..<(total - held)
            validationRows = (total - held)..<total
            carved = true
        }
        try Self.checkFinite(train.target, rows: trainRows, what: "training")
        try Self.checkFinite(validationSource.target, rows: validationRows, what: "validation")
        try Self.checkWeights(train.weights, rows: trainRows, what: "training")
        try Self.checkWeights(validationSource.weights, rows: validationRows, what: "validation")

        BLASThreading.useSingleThread()
        let standardizer = try InputStandardizer(fitting: train.features, rows: trainRows,
                                                 missingIndicators: hyperparameters.missingIndicators,
                                                 clip: Float(hyperparameters.inputClip))
        let targetScaler = RobustTargetScaler(fitting: train.target[trainRows])
        let trainingRows = MLPTrainingRows(
            inputs: try standardizer.transform(train.features, rows: trainRows),
            targets: train.target[trainRows].map(targetScaler.scaled),
            weights: train.weights.map { Array($0[trainRows]) })
        let heldOutRows = MLPTrainingRows(
            inputs: try standardizer.transform(validationSource.features, rows: validationRows),
            targets: validationSource.target[validationRows].map(targetScaler.scaled),
            weights: validationSource.weights.map { Array($0[validationRows]) })

        var generator = SplitMix64(seed: hyperparameters.seed)
        let layerSizes = [standardizer.outputWidth] + hyperparameters.hiddenLayers + [MLPObjective.forecastQuantiles.count]
        var network = MLPNetwork<Float>(layerSizes: layerSizes, heInitializedWith: &generator)
        let trainer = MLPTrainer(hyperparameters: hyperparameters,
                                 objective: .pinball(quantiles: MLPObjective.forecastQuantiles), logger: logger)
        let summary = try trainer.train(&network, train: trainingRows, validation: heldOutRows,
                                        validationCarved: carved, generator: &generator)
        state = TrainedState(network: network, standardizer: standardizer, targetScaler: targetScaler)
        featureNames = names
        trainingSummary = summary
        logger.info("mlp trained", metadata: [
            "layers": .array(layerSizes.map { .stringConvertible($0) }), "train_rows": "\(summary.trainingRows)",
            "validation_rows": "\(summary.validationRows)", "epochs": "\(summary.epochsRun)",
            "best_epoch": "\(summary.bestEpoch)", "best_validation_loss": "\(summary.bestValidationLoss)",
        ])
    }

    /// P10, P50 and P90 in $/MWh for every row, sorted so P10 ≤ P50 ≤ P90.
    /// - Throws: `MLPError(.notTrained)` before `fit`, `.featureMismatch` when the columns differ
    ///   from training, `.infiniteFeature` for ±infinity.
    public func predict(_ features: FeatureMatrix) throws -> QuantileForecast {
        let state = try trainedState(for: features)
        let rowCount = features.rowCount
        var p10 = [Float](repeating: 0, count: rowCount)
        var p50 = p10, p90 = p10
        guard rowCount > 0 else { return QuantileForecast(p50: p50, p10: p10, p90: p90) }
        BLASThreading.useSingleThread()
        let network = state.network, scaler = state.targetScaler
        let chunkRows = MLPNetwork<Float>.evaluationChunkRows
        let workspace = MLPWorkspace<Float>(layerSizes: network.layerSizes, rowCapacity: chunkRows)
        var start = 0
        while start < rowCount {
            let count = min(chunkRows, rowCount - start)
            let inputs = try state.standardizer.transform(features, rows: start..<(start + count))
            inputs.withUnsafeBufferPointer { network.forward(inputs: $0.baseAddress!, rowCount: count, workspace: workspace) }
            let outputs = workspace.outputs
            for row in 0..<count {
                var low = scaler.unscaled(outputs[row * 3]), mid = scaler.unscaled(outputs[row * 3 + 1])
                var high = scaler.unscaled(outputs[row * 3 + 2])
                if low > mid { swap(&low, &mid) }
                if mid > high { swap(&mid, &high) }
                if low > mid { swap(&low, &mid) }
                p10[start + row] = low
                p50[start + row] = mid
                p90[start + row] = high
            }
            start += count
        }
        return QuantileForecast(p50: p50, p10: p10, p90: p90)
    }

    /// Mean pinball loss of `dataset` on the scaled target (weighted by its row weights, if any),
    /// computed exactly as the validation loss during training (so after `fit` on the same
    /// validation set it equals `trainingSummary.bestValidationLoss`).
    public func validationLoss(on dataset: Dataset) throws -> Double {
        let state = try trainedState(for: dataset.features)
        try Self.checkFinite(dataset.target, rows: 0..<dataset.target.count, what: "validation")
        BLASThreading.useSingleThread()
        try Self.checkWeights(dataset.weights, rows: 0..<dataset.target.count, what: "validation")
        let rows = MLPTrainingRows(inputs: try state.standardizer.transform(dataset.features, rows: 0..<dataset.features.rowCount),
                                   targets: dataset.target.map(state.targetScaler.scaled), weights: dataset.weights)
        let workspace = MLPWorkspace<Float>(layerSizes: state.network.layerSizes,
                                            rowCapacity: MLPNetwork<Float>.evaluationChunkRows)
        let trainer = MLPTrainer(hyperparameters: hyperparameters,
                                 objective: .pinball(quantiles: MLPObjective.forecastQuantiles), logger: logger)
        return trainer.meanLoss(state.network, rows: rows, workspace: workspace)
    }

    private func trainedState(for features: FeatureMatrix) throws -> TrainedState {
        guard let state else {
            throw MLPError(.notTrained, "the MLP has no weights; call fit(train:validation:) or load(from:) first")
        }
        try Self.checkColumns(features.names, expected: featureNames, what: "prediction")
        return state
    }

    static func checkColumns(_ names: [String], expected: [String], what: String) throws {
        guard names != expected else { return }
        if names.count != expected.count {
            throw MLPError(.featureMismatch,
                           "the \(what) features have \(names.count) columns but the model was trained on \(expected.count); build features with the training feature set",
                           value: "\(names.count)")
        }
        let position = names.indices.first { names[$0] != expected[$0] }!
        throw MLPError(.featureMismatch,
                       "the \(what) feature column \(position) is '\(names[position])' but the model expects '\(expected[position])'; build features with the training feature set in the same order",
                       column: names[position])
    }

    /// Row weights must be finite and ≥ 0, with a positive sum, or no row would count.
    private static func checkWeights(_ weights: [Float]?, rows: Range<Int>, what: String) throws {
        guard let weights else { return }
        if let row = weights[rows].firstIndex(where: { !$0.isFinite || $0 < 0 }) {
            throw MLPError(.invalidWeight, "\(what) row weights must be finite and at least 0; check models.recency_half_life_days and models.pre_regime_weight",
                           row: row, column: "weights", value: "\(weights[row])")
        }
        guard weights[rows].contains(where: { $0 > 0 }) else {
            throw MLPError(.invalidWeight, "every \(what) row weighs 0, so nothing would be learned; raise models.pre_regime_weight or the recency half-life",
                           column: "weights", value: "0")
        }
    }

    private static func checkFinite(_ target: [Float], rows: Range<Int>, what: String) throws {
        if let row = target[rows].firstIndex(where: { !$0.isFinite }) {
            throw MLPError(.nonFiniteTarget,
                           "the \(what) target must be finite; drop rows whose DART is missing before training",
                           row: row, value: "\(target[row])")
        }
    }
}
