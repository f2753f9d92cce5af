import DartCore
@testable import DartModels
import Testing

/// The analytic gradient from the training code path (`lossAndGradient`: forward, objective,
/// backward, L2) against central differences, in Double so the tolerance can be tight.
@Suite struct MLPGradientCheckTests {
    static let layerSizes = [5, 4, 3, 3]
    static let rowCount = 6

    struct Problem {
        var network: MLPNetwork<Double>
        var inputs: [Double]
        var targets: [Double]
        /// Row weights, or nil for the unweighted mean.
        var weights: [Double]? = nil
    }

    static func problem(seed: UInt64) -> Problem {
        var generator = SplitMix64(seed: seed)
        var network = MLPNetwork<Double>(layerSizes: layerSizes, heInitializedWith: &generator)
        for layer in 0..<network.layerCount {  // non-zero biases so their gradients matter
            for index in network.biasOffsets[layer]..<(network.biasOffsets[layer] + layerSizes[layer + 1]) {
                network.parameters[index] = 0.3 * generator.nextGaussian()
            }
        }
        let inputs = (0..<(rowCount * layerSizes[0])).map { _ in 0.8 * generator.nextGaussian() }
        let targets = (0..<rowCount).map { _ in 2 * generator.nextGaussian() }
        return Problem(network: network, inputs: inputs, targets: targets)
    }

    /// Smallest |pre-activation| of any hidden unit, computed independently with plain loops:
    /// finite differences are only valid away from ReLU kinks.
    static func smallestHiddenPreActivation(_ problem: Problem) -> Double {
        let network = problem.network
        var smallest = Double.infinity
        for row in 0..<rowCount {
            var activation = Array(problem.inputs[(row * layerSizes[0])..<((row + 1) * layerSizes[0])])
            for layer in 0..<(network.layerCount - 1) {
                let inWidth = layerSizes[layer], outWidth = layerSizes[layer + 1]
                var next = [Double](repeating: 0, count: outWidth)
                for out in 0..<outWidth {
                    var z = network.parameters[network.biasOffsets[layer] + out]
                    for input in 0..<inWidth {
                        z += activation[input] * network.parameters[network.weightOffsets[layer] + input * outWidth + out]
                    }
                    smallest = min(smallest, abs(z))
                    next[out] = max(z, 0)
                }
                activation = next
            }
        }
        return smallest
    }

    static func loss(_ network: MLPNetwork<Double>, _ problem: Problem, objective: MLPObjective,
                     weightDecay: Double, gradient: inout [Double]) -> Double {
        let workspace = MLPWorkspace<Double>(layerSizes: network.layerSizes, rowCapacity: rowCount)
        return problem.inputs.withUnsafeBufferPointer { inputs in
            problem.targets.withUnsafeBufferPointer { targets in
                gradient.withUnsafeMutableBufferPointer { gradientBuffer in
                    func run(_ weights: UnsafePointer<Double>?) -> Double {
                        network.lossAndGradient(inputs: inputs.baseAddress!, targets: targets.baseAddress!, weights: weights,
                                                rowCount: rowCount, objective: objective, weightDecay: weightDecay,
                                                workspace: workspace, gradient: gradientBuffer.baseAddress!)
                    }
                    guard let weights = problem.weights else { return run(nil) }
                    return weights.withUnsafeBufferPointer { run($0.baseAddress) }
                }
            }
        }
    }

    /// Largest relative error between analytic and central-difference gradients over all parameters.
    static func worstRelativeError(_ problem: Problem, objective: MLPObjective, weightDecay: Double) -> Double {
        var analytic = [Double](repeating: .nan, count: problem.network.parameters.count)
        _ = loss(problem.network, problem, objective: objective, weightDecay: weightDecay, gradient: &analytic)
        var scratch = analytic
        let step = 1e-6
        var worst = 0.0
        for index in analytic.indices {
            var plus = problem.network, minus = problem.network
            plus.parameters[index] += step
            minus.parameters[index] -= step
            let numeric = (loss(plus, problem, objective: objective, weightDecay: weightDecay, gradient: &scratch)
                - loss(minus, problem, objective: objective, weightDecay: weightDecay, gradient: &scratch)) / (2 * step)
            // The floor keeps rounding noise (~1e-10) on gradients that are exactly 0 (a unit
            // inactive on every row) from reading as a large relative error.
            let error = abs(numeric - analytic[index]) / max(abs(numeric) + abs(analytic[index]), 1e-3)
            worst = max(worst, error)
        }
        return worst
    }

    @Test func squaredErrorGradientMatchesCentralDifferences() throws {
        let problem = Self.problem(seed: 11)
        try #require(Self.smallestHiddenPreActivation(problem) > 1e-3)
        let worst = Self.worstRelativeError(problem, objective: .squaredError, weightDecay: 0.01)
        #expect(worst < 1e-6, "worst relative error \(worst)")
    }

    @Test func pinballGradientMatchesCentralDifferencesAwayFromKinks() throws {
        let problem = Self.problem(seed: 11)
        try #require(Self.smallestHiddenPreActivation(problem) > 1e-3)
        let objective = MLPObjective.pinball(quantiles: MLPObjective.forecastQuantiles)
        // Residuals must be away from 0 too, where the pinball loss has its kink.
        let workspace = MLPWorkspace<Double>(layerSizes: Self.layerSizes, rowCapacity: Self.rowCount)
        problem.inputs.withUnsafeBufferPointer { problem.network.forward(inputs: $0.baseAddress!, rowCount: Self.rowCount, workspace: workspace) }
        let smallestResidual = (0..<(Self.rowCount * 3)).map { abs(problem.targets[$0 / 3] - workspace.outputs[$0]) }.min()!
        try #require(smallestResidual > 1e-3)
        let worst = Self.worstRelativeError(problem, objective: objective, weightDecay: 0.01)
        #expect(worst < 1e-6, "worst relative error \(worst)")
    }

    @Test func weightedLossGradientMatchesCentralDifferences() throws {
        var problem = Self.problem(seed: 11)
        try #require(Self.smallestHiddenPreActivation(problem) > 1e-3)
        problem.weights = [0.05, 1, 0.3, 2, 0.7, 1.5]
        let worst = Self.worstRelativeError(problem, objective: .squaredError, weightDecay: 0.01)
        #expect(worst < 1e-6, "worst relative error \(worst)")
        // Weights change the loss: the check would pass vacuously if they were ignored.
        var gradient = [Double](repeating: 0, count: problem.network.parameters.count)
        let weighted = Self.loss(problem.network, problem, objective: .squaredError, weightDecay: 0, gradient: &gradient)
        problem.weights = nil
        let unweighted = Self.loss(problem.network, problem, objective: .squaredError, weightDecay: 0, gradient: &gradient)
        #expect(abs(weighted - unweighted) > 1e-3)
    }
}
