import DartCore

/// What a model was trained on and how: the trainer supplies it, the registry keeps it with the
/// version unchanged.
public struct ModelProvenance: Sendable, Hashable, Codable {
    public var family: ModelFamilyName
    /// Forecast product (`dayahead`, `hourly`): lower-case letters, digits and `_`.
    public var product: String
    /// Training window: first and last target hour start used, UTC seconds.
    public var trainingFromUTC: Int64
    public var trainingToUTC: Int64
    /// `RowDigest.sha256` of the training rows.
    public var rowDigest: String
    public var featureNames: [String]
    /// Hyperparameters as canonical JSON (sorted keys).
    public var hyperparametersJSON: String
    public var seed: Int
    /// The commit trained from; resolve with `GitRevision.resolve`.
    public var gitSHA: String

    /// - Parameter hyperparameters: encoded as JSON with sorted keys, so equal settings give equal text.
    /// - Throws: the encoder's error when `hyperparameters` cannot be encoded.
    public init(family: ModelFamilyName, product: String, trainingFromUTC: Int64, trainingToUTC: Int64, rowDigest: String,
                featureNames: [String], hyperparameters: some Encodable, seed: Int, gitSHA: String) throws {
        self.init(family: family, product: product, trainingFromUTC: trainingFromUTC, trainingToUTC: trainingToUTC,
                  rowDigest: rowDigest, featureNames: featureNames,
                  hyperparametersJSON: try CanonicalJSON.string(hyperparameters), seed: seed, gitSHA: gitSHA)
    }

    /// From stored fields, hyperparameters already canonical JSON.
    init(family: ModelFamilyName, product: String, trainingFromUTC: Int64, trainingToUTC: Int64, rowDigest: String,
         featureNames: [String], hyperparametersJSON: String, seed: Int, gitSHA: String) {
        self.family = family
        self.product = product
        self.trainingFromUTC = trainingFromUTC
        self.trainingToUTC = trainingToUTC
        self.rowDigest = rowDigest
        self.featureNames = featureNames
        self.hyperparametersJSON = hyperparametersJSON
        self.seed = seed
        self.gitSHA = gitSHA
    }
}
