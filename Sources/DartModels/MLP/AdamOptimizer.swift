import Foundation

/// Adam (Kingma & Ba) with bias correction, in the PyTorch form
/// `θ ← θ − lr · m̂ / (√v̂ + ε)`.
struct AdamOptimizer {
    let learningRate: Float
    let beta1: Float
    let beta2: Float
    let epsilon: Float
    private var firstMoment: [Float]
    private var secondMoment: [Float]
    private(set) var step = 0

    init(parameterCount: Int, hyperparameters: MLPHyperparameters) {
        learningRate = Float(hyperparameters.learningRate)
        beta1 = Float(hyperparameters.beta1)
        beta2 = Float(hyperparameters.beta2)
        epsilon = Float(hyperparameters.epsilon)
        firstMoment = [Float](repeating: 0, count: parameterCount)
        secondMoment = [Float](repeating: 0, count: parameterCount)
    }

    mutating func update(_ parameters: inout [Float], gradient: UnsafePointer<Float>) {
        step += 1
        let firstCorrection = 1 - Float(pow(Double(beta1), Double(step)))
        let secondCorrection = 1 - Float(pow(Double(beta2), Double(step)))
        let beta1 = beta1, beta2 = beta2, epsilon = epsilon, learningRate = learningRate
        firstMoment.withUnsafeMutableBufferPointer { first in
            secondMoment.withUnsafeMutableBufferPointer { second in
                parameters.withUnsafeMutableBufferPointer { theta in
                    for index in 0..<theta.count {
                        let g = gradient[index]
                        first[index] = beta1 * first[index] + (1 - beta1) * g
                        second[index] = beta2 * second[index] + (1 - beta2) * g * g
                        let correctedFirst = first[index] / firstCorrection
                        let correctedSecond = second[index] / secondCorrection
                        theta[index] -= learningRate * correctedFirst / (correctedSecond.squareRoot() + epsilon)
                    }
                }
            }
        }
    }
}
