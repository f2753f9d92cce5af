/// Settings of the MLP forecaster. Defaults fit a 130k-row × 80-feature refit in a few seconds
/// on one core (release build).
public struct MLPHyperparameters: Sendable, Hashable, Codable {
    /// Widths of the hidden ReLU layers, input side first. Default `[64, 32]`; at least two.
    public var hiddenLayers: [Int] = [64, 32]
    /// Adam step size. Default `1e-3`.
    public var learningRate: Double = 1e-3
    /// Adam first-moment decay. Default `0.9`.
    public var beta1: Double = 0.9
    /// Adam second-moment decay. Default `0.999`.
    public var beta2: Double = 0.999
    /// Adam denominator guard. Default `1e-8`.
    public var epsilon: Double = 1e-8
    /// Coupled L2 penalty `λ/2·‖W‖²` on weights (not biases). Default `1e-5`; `0` turns it off.
    public var weightDecay: Double = 1e-5
    /// Rows per mini-batch. Default `512`.
    public var batchSize: Int = 512
    /// Upper bound on passes over the training rows. Default `60`.
    public var maxEpochs: Int = 60
    /// Epochs without a better validation loss before training stops. Default `6`.
    public var patience: Int = 6
    /// Share of the (time-ordered) training rows held out at the end as validation when the
    /// caller gives none. Default `0.1`.
    public var validationFraction: Double = 0.1
    /// Adds a 0/1 "was missing" input for every column that has NaNs in the training rows.
    /// Default `true`.
    public var missingIndicators: Bool = true
    /// Standardised inputs are held within ±`inputClip` standard deviations (winsorised), in
    /// training and prediction alike. Default `0` = unbounded; settings `input_clip`.
    public var inputClip: Double = 0
    /// Seeds weight initialisation and shuffling; same seed + same data ⇒ same weights.
    public var seed: UInt64 = 42

    public init() {}

    private enum CodingKeys: String, CodingKey {
        case hiddenLayers, learningRate, beta1, beta2, epsilon, weightDecay, batchSize, maxEpochs, patience
        case validationFraction, missingIndicators, inputClip, seed
    }

    /// Artifacts saved before `inputClip` existed have no such key: they were trained unbounded.
    public init(from decoder: any Decoder) throws {
        let values = try decoder.container(keyedBy: CodingKeys.self)
        hiddenLayers = try values.decode([Int].self, forKey: .hiddenLayers)
        learningRate = try values.decode(Double.self, forKey: .learningRate)
        beta1 = try values.decode(Double.self, forKey: .beta1)
        beta2 = try values.decode(Double.self, forKey: .beta2)
        epsilon = try values.decode(Double.self, forKey: .epsilon)
        weightDecay = try values.decode(Double.self, forKey: .weightDecay)
        batchSize = try values.decode(Int.self, forKey: .batchSize)
        maxEpochs = try values.decode(Int.self, forKey: .maxEpochs)
        patience = try values.decode(Int.self, forKey: .patience)
        validationFraction = try values.decode(Double.self, forKey: .validationFraction)
        missingIndicators = try values.decode(Bool.self, forKey: .missingIndicators)
        inputClip = try values.decodeIfPresent(Double.self, forKey: .inputClip) ?? 0
        seed = try values.decode(UInt64.self, forKey: .seed)
    }

    /// Throws `MLPError(.invalidHyperparameter)` naming the first bad setting.
    public func validate() throws {
        func fail(_ key: String, _ value: String, _ rule: String) -> MLPError {
            MLPError(.invalidHyperparameter, "set \(key) to \(rule)", column: key, value: value)
        }
        if hiddenLayers.count < 2 { throw fail("hiddenLayers", "\(hiddenLayers)", "at least two layer widths") }
        if let width = hiddenLayers.first(where: { $0 < 1 }) { throw fail("hiddenLayers", "\(width)", "positive widths") }
        if !(learningRate > 0 && learningRate.isFinite) { throw fail("learningRate", "\(learningRate)", "a positive number") }
        if !(0..<1).contains(beta1) { throw fail("beta1", "\(beta1)", "a number in [0, 1)") }
        if !(0..<1).contains(beta2) { throw fail("beta2", "\(beta2)", "a number in [0, 1)") }
        if !(epsilon > 0) { throw fail("epsilon", "\(epsilon)", "a positive number") }
        if !(weightDecay >= 0 && weightDecay.isFinite) { throw fail("weightDecay", "\(weightDecay)", "zero or a positive number") }
        if batchSize < 1 { throw fail("batchSize", "\(batchSize)", "a positive integer") }
        if maxEpochs < 1 { throw fail("maxEpochs", "\(maxEpochs)", "a positive integer") }
        if patience < 1 { throw fail("patience", "\(patience)", "a positive integer") }
        if !(inputClip >= 0 && inputClip.isFinite) { throw fail("inputClip", "\(inputClip)", "0 (off) or a positive number of standard deviations") }
        if !(validationFraction > 0 && validationFraction < 1) {
            throw fail("validationFraction", "\(validationFraction)", "a number strictly between 0 and 1")
        }
    }
}
