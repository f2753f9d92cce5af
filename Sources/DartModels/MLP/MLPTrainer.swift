import DartCore
import Logging

/// Rows ready for the network: standardised inputs (`rowCount × width`), scaled targets and,
/// when the rows are weighted (recency, regime), one weight per row.
struct MLPTrainingRows {
    var inputs: [Float]
    var targets: [Float]
    var weights: [Float]? = nil
    var rowCount: Int { targets.count }
}

/// Mini-batch Adam on shuffled rows with early stopping on a validation slice; keeps the
/// weights of the best validation epoch. Weighted rows count by their weight in every batch's
/// loss and in the validation loss.
struct MLPTrainer {
    let hyperparameters: MLPHyperparameters
    let objective: MLPObjective
    let logger: Logger

    func train(_ network: inout MLPNetwork<Float>, train: MLPTrainingRows, validation: MLPTrainingRows,
               validationCarved: Bool, generator: inout SplitMix64) throws -> MLPTrainingSummary {
        let width = network.inputWidth
        let batchSize = min(hyperparameters.batchSize, train.rowCount)
        let workspace = MLPWorkspace<Float>(layerSizes: network.layerSizes,
                                            rowCapacity: max(batchSize, MLPNetwork<Float>.evaluationChunkRows))
        var optimizer = AdamOptimizer(parameterCount: network.parameters.count, hyperparameters: hyperparameters)
        var gradient = [Float](repeating: 0, count: network.parameters.count)
        var batchInputs = [Float](repeating: 0, count: batchSize * width)
        var batchTargets = [Float](repeating: 0, count: batchSize)
        var batchWeights: [Float]? = train.weights == nil ? nil : [Float](repeating: 0, count: batchSize)
        var order = Array(0..<train.rowCount)
        let weightDecay = Float(hyperparameters.weightDecay)

        var bestParameters = network.parameters
        var bestLoss = Double.infinity
        var bestEpoch = 0
        var epochsSinceBest = 0
        var trainingLosses: [Double] = []
        var validationLosses: [Double] = []

        for epoch in 1...hyperparameters.maxEpochs {
            generator.shuffle(&order)
            var lossTotal = 0.0
            var batchCount = 0
            var start = 0
            while start < train.rowCount {
                let count = min(batchSize, train.rowCount - start)
                gather(order[start..<(start + count)], from: train, width: width,
                       inputs: &batchInputs, targets: &batchTargets, weights: &batchWeights)
                let loss = batchInputs.withUnsafeBufferPointer { inputs in
                    batchTargets.withUnsafeBufferPointer { targets in
                        Self.withOptionalBuffer(batchWeights) { weights in
                            gradient.withUnsafeMutableBufferPointer { gradientBuffer in
                                network.lossAndGradient(inputs: inputs.baseAddress!, targets: targets.baseAddress!, weights: weights,
                                                        rowCount: count, objective: objective, weightDecay: weightDecay,
                                                        workspace: workspace, gradient: gradientBuffer.baseAddress!)
                            }
                        }
                    }
                }
                guard loss.isFinite else {
                    throw MLPError(.trainingDiverged,
                                   "training loss became non-finite at epoch \(epoch); lower learningRate or check the features for extreme values",
                                   column: "learningRate", value: "\(hyperparameters.learningRate)")
                }
                gradient.withUnsafeBufferPointer { optimizer.update(&network.parameters, gradient: $0.baseAddress!) }
                lossTotal += loss
                batchCount += 1
                start += count
            }
            let validationLoss = meanLoss(network, rows: validation, workspace: workspace)
            trainingLosses.append(lossTotal / Double(batchCount))
            validationLosses.append(validationLoss)
            logger.debug("mlp epoch", metadata: [
                "epoch": "\(epoch)", "train_loss": "\(trainingLosses[epoch - 1])", "validation_loss": "\(validationLoss)",
            ])
            if validationLoss < bestLoss {
                bestLoss = validationLoss
                bestEpoch = epoch
                bestParameters = network.parameters
                epochsSinceBest = 0
            } else {
                epochsSinceBest += 1
                if epochsSinceBest >= hyperparameters.patience { break }
            }
        }
        network.parameters = bestParameters
        return MLPTrainingSummary(
            trainingRows: train.rowCount, validationRows: validation.rowCount,
            validationCarvedFromTraining: validationCarved, epochsRun: trainingLosses.count,
            bestEpoch: bestEpoch, bestValidationLoss: bestLoss,
            stoppedEarly: trainingLosses.count < hyperparameters.maxEpochs,
            trainingLossByEpoch: trainingLosses, validationLossByEpoch: validationLosses)
    }

    func meanLoss(_ network: MLPNetwork<Float>, rows: MLPTrainingRows, workspace: MLPWorkspace<Float>) -> Double {
        rows.inputs.withUnsafeBufferPointer { inputs in
            rows.targets.withUnsafeBufferPointer { targets in
                Self.withOptionalBuffer(rows.weights) { weights in
                    network.meanLoss(inputs: inputs.baseAddress!, targets: targets.baseAddress!, weights: weights,
                                     rowCount: rows.rowCount, objective: objective, workspace: workspace)
                }
            }
        }
    }

    /// Copies the shuffled rows of one batch into contiguous buffers (no allocation).
    private func gather(_ rowIndices: ArraySlice<Int>, from rows: MLPTrainingRows, width: Int,
                        inputs: inout [Float], targets: inout [Float], weights: inout [Float]?) {
        rows.inputs.withUnsafeBufferPointer { source in
            inputs.withUnsafeMutableBufferPointer { destination in
                for (slot, row) in rowIndices.enumerated() {
                    (destination.baseAddress! + slot * width)
                        .update(from: source.baseAddress! + row * width, count: width)
                }
            }
        }
        for (slot, row) in rowIndices.enumerated() { targets[slot] = rows.targets[row] }
        if let source = rows.weights, weights != nil {
            for (slot, row) in rowIndices.enumerated() { weights![slot] = source[row] }
        }
    }

    /// `body` with a pointer to `values`, or nil when there are none.
    private static func withOptionalBuffer<Result>(_ values: [Float]?, _ body: (UnsafePointer<Float>?) -> Result) -> Result {
        guard let values else { return body(nil) }
        return values.withUnsafeBufferPointer { body($0.baseAddress) }
    }
}
