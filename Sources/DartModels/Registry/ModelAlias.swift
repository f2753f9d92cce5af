import DartCore

/// Named pointers to a version, one of each per (family, product).
public enum ModelAlias: String, Sendable, Hashable, Codable, CaseIterable {
    /// The version production predicts with.
    case champion
    /// A candidate scored beside the champion before it is promoted.
    case challenger
}

/// One entry of an alias's append-only history.
public struct AliasChange: Sendable, Hashable, Codable {
    public enum Action: String, Sendable, Hashable, Codable {
        case promote, rollback
    }

    /// Order of the change in the registry (increasing).
    public var sequence: Int64
    public var family: ModelFamilyName
    public var product: String
    public var alias: ModelAlias
    public var action: Action
    /// The version that held the alias before, nil for the first promotion.
    public var fromVersion: String?
    public var toVersion: String
    public var actor: String
    public var reason: String
    public var changedAtUTC: Int64
}
