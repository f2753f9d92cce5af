import Foundation

/// What a trainer hands the registry for a new version. The registry adds the id, artifact
/// digests and creation time.
public struct ModelRegistration: Sendable {
    public var family: ModelFamily
    /// Forecast product (`dayahead`, `hourly`): lower-case letters, digits and `_`.
    public var product: String
    public var trainingFromUTC: Int64
    public var trainingToUTC: Int64
    /// `RowDigest.sha256` of the training rows.
    public var rowDigest: String
    public var featureNames: [String]
    /// Canonical JSON object (sorted keys).
    public var hyperparametersJSON: String
    public var seed: Int
    /// The commit trained from; resolve with `GitRevision.resolve`.
    public var gitSHA: String
    /// Files the forecaster saved; the registry copies them (by file name) into the version folder.
    public var artifacts: [URL]
    /// Validation metrics as JSON, stored in the metrics table (not part of the version's identity).
    public var validationMetricsJSON: String?

    /// - Parameters:
    ///   - hyperparameters: encoded as JSON with sorted keys, so equal settings give equal text.
    ///   - validationMetrics: e.g. a `MetricsReport`; encoded the same way.
    /// - Throws: the encoder's error when a value cannot be encoded.
    public init(family: ModelFamily, product: String, trainingFromUTC: Int64, trainingToUTC: Int64,
                rowDigest: String, featureNames: [String], hyperparameters: some Encodable, seed: Int,
                gitSHA: String, artifacts: [URL], validationMetrics: (any Encodable)? = nil) throws {
        self.family = family
        self.product = product
        self.trainingFromUTC = trainingFromUTC
        self.trainingToUTC = trainingToUTC
        self.rowDigest = rowDigest
        self.featureNames = featureNames
        self.hyperparametersJSON = try CanonicalJSON.string(hyperparameters)
        self.seed = seed
        self.gitSHA = gitSHA
        self.artifacts = artifacts
        self.validationMetricsJSON = try validationMetrics.map { try CanonicalJSON.string($0) }
    }
}

/// JSON with sorted keys and no escaped slashes: the same value always gives the same text.
enum CanonicalJSON {
    static func string(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
