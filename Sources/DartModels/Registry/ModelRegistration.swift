import Foundation

/// What a trainer hands the registry for a new version. The registry adds the id, artifact
/// digests and creation time. Provenance fields read through (`registration.family`).
@dynamicMemberLookup
public struct ModelRegistration: Sendable {
    public var provenance: ModelProvenance
    /// Files the forecaster saved; the registry copies them (by file name) into the version folder.
    public var artifacts: [URL]
    /// Validation metrics as JSON, stored in the metrics table (not part of the version's identity).
    public var validationMetricsJSON: String?

    /// - Parameter validationMetrics: e.g. a `MetricsReport`; encoded as JSON with sorted keys.
    /// - Throws: the encoder's error when the metrics cannot be encoded.
    public init(provenance: ModelProvenance, artifacts: [URL], validationMetrics: (any Encodable)? = nil) throws {
        self.provenance = provenance
        self.artifacts = artifacts
        self.validationMetricsJSON = try validationMetrics.map { try CanonicalJSON.string($0) }
    }

    public subscript<Value>(dynamicMember keyPath: WritableKeyPath<ModelProvenance, Value>) -> Value {
        get { provenance[keyPath: keyPath] }
        set { provenance[keyPath: keyPath] = newValue }
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
