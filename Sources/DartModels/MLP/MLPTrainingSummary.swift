/// What one `fit` did: epochs, losses (pinball on the robustly scaled target, summed over the
/// three heads, averaged over rows) and where early stopping settled.
public struct MLPTrainingSummary: Sendable, Hashable, Codable {
    public var trainingRows: Int
    public var validationRows: Int
    /// `true` when no validation set was given and the last rows of `train` were held out.
    public var validationCarvedFromTraining: Bool
    public var epochsRun: Int
    /// 1-based epoch whose weights the model keeps.
    public var bestEpoch: Int
    public var bestValidationLoss: Double
    /// `true` when patience ran out before `maxEpochs`.
    public var stoppedEarly: Bool
    /// Mean mini-batch loss (with the L2 penalty) per epoch.
    public var trainingLossByEpoch: [Double]
    public var validationLossByEpoch: [Double]
}
