/// The training loss on the network outputs (targets already robustly scaled).
///
/// Production uses `.pinball`: one output head per quantile (P10, P50, P90), each with the
/// pinball loss `ρτ(r) = max(τ·r, (τ−1)·r)`, `r = y − ŷ`, summed over heads and averaged over
/// rows. For τ = 0.5 this is half the absolute error, so the P50 head is fitted with an L1 loss
/// that a price spike can pull on only with a bounded gradient. `.squaredError` is smooth and
/// exists for the gradient check, which drives the same forward/backward code.
enum MLPObjective: Sendable, Hashable {
    case pinball(quantiles: [Double])
    case squaredError

    /// The heads P10/P50/P90 that `MLPForecaster` trains.
    static let forecastQuantiles: [Double] = [0.1, 0.5, 0.9]

    /// Sum over `rowCount` rows of the per-row loss, each times its weight when `weights` is
    /// given. When `gradient` is given, writes `gradientScale · dLoss/dOutput` into it
    /// (`rowCount × outputWidth`).
    func lossSum<Scalar: BLASScalar>(outputs: UnsafePointer<Scalar>, targets: UnsafePointer<Scalar>,
                                     weights: UnsafePointer<Scalar>? = nil,
                                     rowCount: Int, outputWidth: Int, gradientScale: Scalar,
                                     gradient: UnsafeMutablePointer<Scalar>?) -> Double {
        var total = 0.0
        switch self {
        case .pinball(let quantiles):
            precondition(quantiles.count == outputWidth, "one head per quantile")
            for head in 0..<outputWidth {
                let tau = Scalar(quantiles[head])
                for row in 0..<rowCount {
                    let index = row * outputWidth + head
                    let weight = weights?[row] ?? 1
                    let residual = targets[row] - outputs[index]
                    total += Double(weight * (residual >= 0 ? tau * residual : (tau - 1) * residual))
                    // Subgradient 0 exactly at the kink.
                    gradient?[index] = residual > 0 ? -gradientScale * weight * tau
                        : (residual < 0 ? gradientScale * weight * (1 - tau) : 0)
                }
            }
        case .squaredError:
            for row in 0..<rowCount {
                let weight = weights?[row] ?? 1
                for head in 0..<outputWidth {
                    let index = row * outputWidth + head
                    let error = outputs[index] - targets[row]
                    total += Double(weight * error * error / 2)
                    gradient?[index] = gradientScale * weight * error
                }
            }
        }
        return total
    }

    /// The denominator of a weighted mean: the weights' sum, or the row count without weights.
    static func weightTotal<Scalar: BLASScalar>(_ weights: UnsafePointer<Scalar>?, rowCount: Int) -> Double {
        guard let weights else { return Double(rowCount) }
        var total = 0.0
        for row in 0..<rowCount { total += Double(weights[row]) }
        return total
    }
}

extension MLPNetwork {
    /// Mean loss of a batch plus the L2 penalty `λ/2·‖W‖²`, and its gradient in `gradient`.
    /// The one function both the training step and the gradient check call.
    /// With `weights`, the loss is the weighted mean over the batch (a batch whose weights sum
    /// to 0 contributes only the penalty).
    func lossAndGradient(inputs: UnsafePointer<Scalar>, targets: UnsafePointer<Scalar>, weights: UnsafePointer<Scalar>? = nil,
                         rowCount: Int, objective: MLPObjective, weightDecay: Scalar, workspace: MLPWorkspace<Scalar>,
                         gradient: UnsafeMutablePointer<Scalar>) -> Double {
        forward(inputs: inputs, rowCount: rowCount, workspace: workspace)
        let total = MLPObjective.weightTotal(weights, rowCount: rowCount)
        let scale = total > 0 ? 1 / Scalar(total) : 0
        let lossSum = objective.lossSum(outputs: workspace.outputs, targets: targets, weights: weights, rowCount: rowCount,
                                        outputWidth: outputWidth, gradientScale: scale,
                                        gradient: workspace.outputGradient)
        backward(inputs: inputs, rowCount: rowCount, workspace: workspace, gradient: gradient)
        var penalty = 0.0
        if weightDecay > 0 {
            parameters.withUnsafeBufferPointer { weights in
                for range in weightRanges {
                    for index in range {
                        penalty += Double(weights[index] * weights[index])
                        gradient[index] += weightDecay * weights[index]
                    }
                }
            }
        }
        return (total > 0 ? lossSum / total : 0) + Double(weightDecay) * penalty / 2
    }

    /// Rows per forward pass when evaluating or predicting. Fixed, so a row's output never
    /// depends on how many rows the caller passed.
    static var evaluationChunkRows: Int { 4096 }

    /// Mean objective loss (no penalty) over many rows, evaluated in chunks of
    /// `evaluationChunkRows`.
    func meanLoss(inputs: UnsafePointer<Scalar>, targets: UnsafePointer<Scalar>, weights: UnsafePointer<Scalar>? = nil,
                  rowCount: Int, objective: MLPObjective, workspace: MLPWorkspace<Scalar>) -> Double {
        var total = 0.0
        var start = 0
        while start < rowCount {
            let count = min(Self.evaluationChunkRows, rowCount - start)
            forward(inputs: inputs + start * inputWidth, rowCount: count, workspace: workspace)
            total += objective.lossSum(outputs: workspace.outputs, targets: targets + start, weights: weights.map { $0 + start },
                                       rowCount: count, outputWidth: outputWidth, gradientScale: 1, gradient: nil)
            start += count
        }
        let weightTotal = MLPObjective.weightTotal(weights, rowCount: rowCount)
        return weightTotal > 0 ? total / weightTotal : 0
    }
}
