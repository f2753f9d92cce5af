import Foundation

/// `_manifest.json`: written last into a partition. Readers trust only files it lists, with
/// the row counts and sha256 it records.
public struct PartitionManifest: Codable, Hashable, Sendable {
    public struct File: Codable, Hashable, Sendable {
        public var name: String
        public var rows: Int
        public var bytes: Int
        public var sha256: String
    }

    public static let fileName = "_manifest.json"

    public var formatVersion: Int = 1
    public var partition: String
    public var product: String
    public var issueTimeUTC: String
    public var runID: String
    public var files: [File]
    public var createdAtUTC: String

    public var rows: Int { files.reduce(0) { $0 + $1.rows } }

    enum CodingKeys: String, CodingKey {
        case formatVersion = "format_version", partition, product, issueTimeUTC = "issue_time_utc", runID = "run_id", files
        case createdAtUTC = "created_at_utc", rows
    }

    public init(partition: String, product: String, issueTimeUTC: String, runID: String, files: [File], createdAtUTC: String) {
        self.partition = partition
        self.product = product
        self.issueTimeUTC = issueTimeUTC
        self.runID = runID
        self.files = files
        self.createdAtUTC = createdAtUTC
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        formatVersion = try container.decode(Int.self, forKey: .formatVersion)
        partition = try container.decode(String.self, forKey: .partition)
        product = try container.decode(String.self, forKey: .product)
        issueTimeUTC = try container.decode(String.self, forKey: .issueTimeUTC)
        runID = try container.decode(String.self, forKey: .runID)
        files = try container.decode([File].self, forKey: .files)
        createdAtUTC = try container.decode(String.self, forKey: .createdAtUTC)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(formatVersion, forKey: .formatVersion)
        try container.encode(partition, forKey: .partition)
        try container.encode(product, forKey: .product)
        try container.encode(issueTimeUTC, forKey: .issueTimeUTC)
        try container.encode(runID, forKey: .runID)
        try container.encode(files, forKey: .files)
        try container.encode(rows, forKey: .rows)
        try container.encode(createdAtUTC, forKey: .createdAtUTC)
    }
}
