/// A registered, immutable model version. Provenance fields read through (`version.family`).
@dynamicMemberLookup
public struct ModelVersion: Sendable, Hashable, Codable {
    /// `<family>-<product>-<yyyymmddThhmmssZ>-<8 hex of the registration's content digest>`.
    public var id: String
    public var provenance: ModelProvenance
    public var createdAtUTC: Int64
    public var artifacts: [ArtifactRecord]

    public subscript<Value>(dynamicMember keyPath: KeyPath<ModelProvenance, Value>) -> Value { provenance[keyPath: keyPath] }
}

/// One artifact file of a version.
public struct ArtifactRecord: Sendable, Hashable, Codable {
    /// Path relative to the registry root: `artifacts/<family>/<product>/<version>/<file>`.
    public var relativePath: String
    public var sha256: String
    public var byteCount: Int64

    public var fileName: String { String(relativePath.split(separator: "/").last ?? "") }
}

/// What metrics are about.
public enum MetricsKind: String, Sendable, Hashable, Codable, CaseIterable {
    case validation, backtest
}

/// Metrics attached to a version (append-only: a later attachment of the same kind supersedes).
public struct AttachedMetrics: Sendable, Hashable, Codable {
    public var kind: MetricsKind
    public var json: String
    public var attachedAtUTC: Int64
}

/// Everything `models show` prints about a version.
public struct ModelVersionDetails: Sendable, Hashable, Codable {
    public var version: ModelVersion
    /// Latest attachment of each kind.
    public var metrics: [AttachedMetrics]
    /// Aliases this version holds now.
    public var aliases: [ModelAlias]
}
