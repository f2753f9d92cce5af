import DartCore

/// A fully connected network: ReLU hidden layers, linear output layer. All weights and biases
/// live in one flat `parameters` array (layer by layer: weights `in × out` row-major, then the
/// bias), so Adam, snapshots for early stopping and the artifact handle them as one block.
/// Forward and backward passes work on whole batches with BLAS `gemm`.
struct MLPNetwork<Scalar: BLASScalar> {
    /// Input width, hidden widths, output width.
    let layerSizes: [Int]
    var parameters: [Scalar]
    let weightOffsets: [Int]
    let biasOffsets: [Int]

    var layerCount: Int { layerSizes.count - 1 }
    var inputWidth: Int { layerSizes[0] }
    var outputWidth: Int { layerSizes[layerSizes.count - 1] }

    static func parameterCount(layerSizes: [Int]) -> Int {
        zip(layerSizes, layerSizes.dropFirst()).reduce(0) { $0 + $1.0 * $1.1 + $1.1 }
    }

    init(layerSizes: [Int], parameters: [Scalar]) {
        precondition(layerSizes.count >= 2 && layerSizes.allSatisfy { $0 > 0 }, "need input and output widths")
        precondition(parameters.count == Self.parameterCount(layerSizes: layerSizes), "parameter count must match layers")
        var weightOffsets: [Int] = []
        var biasOffsets: [Int] = []
        var offset = 0
        for (inWidth, outWidth) in zip(layerSizes, layerSizes.dropFirst()) {
            weightOffsets.append(offset)
            offset += inWidth * outWidth
            biasOffsets.append(offset)
            offset += outWidth
        }
        self.layerSizes = layerSizes
        self.parameters = parameters
        self.weightOffsets = weightOffsets
        self.biasOffsets = biasOffsets
    }

    /// He initialisation: weights ~ N(0, 2 / fan-in), biases zero.
    init(layerSizes: [Int], heInitializedWith generator: inout SplitMix64) {
        var parameters: [Scalar] = []
        parameters.reserveCapacity(Self.parameterCount(layerSizes: layerSizes))
        for (inWidth, outWidth) in zip(layerSizes, layerSizes.dropFirst()) {
            let standardDeviation = (2.0 / Double(inWidth)).squareRoot()
            for _ in 0..<(inWidth * outWidth) {
                parameters.append(Scalar(generator.nextGaussian() * standardDeviation))
            }
            parameters.append(contentsOf: repeatElement(0, count: outWidth))
        }
        self.init(layerSizes: layerSizes, parameters: parameters)
    }

    /// `(start, count)` of each layer's weight block, the part L2 applies to (biases are exempt).
    var weightRanges: [Range<Int>] {
        (0..<layerCount).map { weightOffsets[$0]..<biasOffsets[$0] }
    }

    /// Runs `rowCount` rows (`rowCount × inputWidth`, row-major) through the network; the result
    /// is `workspace.outputs` (`rowCount × outputWidth`). Hidden activations stay in `workspace`
    /// for `backward`.
    func forward(inputs: UnsafePointer<Scalar>, rowCount: Int, workspace: MLPWorkspace<Scalar>) {
        precondition(rowCount <= workspace.rowCapacity && workspace.layerSizes == layerSizes)
        parameters.withUnsafeBufferPointer { parameterBuffer in
            let base = parameterBuffer.baseAddress!
            for layer in 0..<layerCount {
                let inWidth = layerSizes[layer], outWidth = layerSizes[layer + 1]
                let layerInput = layer == 0 ? inputs : UnsafePointer(workspace.activations[layer - 1])
                let layerOutput = workspace.activations[layer]
                let bias = base + biasOffsets[layer]
                for row in 0..<rowCount {
                    (layerOutput + row * outWidth).update(from: bias, count: outWidth)
                }
                Scalar.gemm(transposeA: false, transposeB: false, m: rowCount, n: outWidth, k: inWidth,
                            alpha: 1, a: layerInput, lda: inWidth, b: base + weightOffsets[layer], ldb: outWidth,
                            beta: 1, c: layerOutput, ldc: outWidth)
                if layer < layerCount - 1 {
                    for index in 0..<(rowCount * outWidth) where !(layerOutput[index] > 0) {
                        layerOutput[index] = 0
                    }
                }
            }
        }
    }

    /// Back-propagates `workspace.outputGradient` (dLoss/dOutput of the rows of the last
    /// `forward` on the same `inputs`) and writes dLoss/dParameter into `gradient`
    /// (`parameters.count` values, overwritten).
    func backward(inputs: UnsafePointer<Scalar>, rowCount: Int, workspace: MLPWorkspace<Scalar>,
                  gradient: UnsafeMutablePointer<Scalar>) {
        parameters.withUnsafeBufferPointer { parameterBuffer in
            let base = parameterBuffer.baseAddress!
            var delta = workspace.outputGradient
            var spare = workspace.hiddenGradient
            for layer in stride(from: layerCount - 1, through: 0, by: -1) {
                let inWidth = layerSizes[layer], outWidth = layerSizes[layer + 1]
                let layerInput = layer == 0 ? inputs : UnsafePointer(workspace.activations[layer - 1])
                // dW = inputᵀ · delta
                Scalar.gemm(transposeA: true, transposeB: false, m: inWidth, n: outWidth, k: rowCount,
                            alpha: 1, a: layerInput, lda: inWidth, b: delta, ldb: outWidth,
                            beta: 0, c: gradient + weightOffsets[layer], ldc: outWidth)
                // db = column sums of delta
                let biasGradient = gradient + biasOffsets[layer]
                biasGradient.update(repeating: 0, count: outWidth)
                for row in 0..<rowCount {
                    let deltaRow = delta + row * outWidth
                    for column in 0..<outWidth { biasGradient[column] += deltaRow[column] }
                }
                guard layer > 0 else { break }
                // dInput = delta · Wᵀ, then through the ReLU of the layer below (active iff output > 0)
                Scalar.gemm(transposeA: false, transposeB: true, m: rowCount, n: inWidth, k: outWidth,
                            alpha: 1, a: delta, lda: outWidth, b: base + weightOffsets[layer], ldb: outWidth,
                            beta: 0, c: spare, ldc: inWidth)
                let below = workspace.activations[layer - 1]
                for index in 0..<(rowCount * inWidth) where !(below[index] > 0) {
                    spare[index] = 0
                }
                swap(&delta, &spare)
            }
        }
    }
}

/// Scratch buffers for batched passes of one network shape, allocated once per fit/predict so
/// the training loop allocates nothing.
final class MLPWorkspace<Scalar: BLASScalar> {
    let layerSizes: [Int]
    let rowCapacity: Int
    /// Output of each layer (after ReLU for hidden layers), `rowCapacity × width`.
    let activations: [UnsafeMutablePointer<Scalar>]
    /// dLoss/dOutput, filled by the objective.
    let outputGradient: UnsafeMutablePointer<Scalar>
    /// Second delta buffer for back-propagation.
    let hiddenGradient: UnsafeMutablePointer<Scalar>

    var outputs: UnsafeMutablePointer<Scalar> { activations[activations.count - 1] }

    init(layerSizes: [Int], rowCapacity: Int) {
        self.layerSizes = layerSizes
        self.rowCapacity = rowCapacity
        activations = layerSizes.dropFirst().map { width in
            let buffer = UnsafeMutablePointer<Scalar>.allocate(capacity: rowCapacity * width)
            buffer.initialize(repeating: 0, count: rowCapacity * width)
            return buffer
        }
        let widest = layerSizes.max()!
        outputGradient = .allocate(capacity: rowCapacity * widest)
        outputGradient.initialize(repeating: 0, count: rowCapacity * widest)
        hiddenGradient = .allocate(capacity: rowCapacity * widest)
        hiddenGradient.initialize(repeating: 0, count: rowCapacity * widest)
    }

    deinit {
        for buffer in activations { buffer.deallocate() }
        outputGradient.deallocate()
        hiddenGradient.deallocate()
    }
}
