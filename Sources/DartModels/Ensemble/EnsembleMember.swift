import DartCore

/// One member as the ensemble records it: enough to find the member again (its name is the
/// registry version when registered) and to see why it weighs what it does.
public struct EnsembleMember: Codable, Sendable, Hashable {
    /// Unique within the ensemble; the registry version of the member when it has one.
    public var name: String
    public var family: ModelFamilyName
    /// MAE on the validation rows, when weights came from validation.
    public var validationMAE: Double?
    /// Normalised weight; all members' weights sum to 1.
    public var weight: Double

    public init(name: String, family: ModelFamilyName, validationMAE: Double?, weight: Double) {
        self.name = name
        self.family = family
        self.validationMAE = validationMAE
        self.weight = weight
    }
}
