/// An ERCOT settlement point name (`HB_HOUSTON`, `LZ_AEN`, a resource node).
public struct SettlementPoint: Hashable, Comparable, Sendable, CustomStringConvertible, Codable {
    public enum Kind: String, Sendable { case hub, loadZone, resourceNode }

    public let name: String

    /// Fails unless the name is 1–64 characters of A–Z, 0–9, `_`, `-` or `.` (ERCOT's alphabet).
    public init?(_ name: some StringProtocol) {
        let trimmed = name.trimmingSpaces
        guard !trimmed.isEmpty, trimmed.utf8.count <= 64, trimmed.utf8.allSatisfy({ byte in
            (65...90).contains(byte) || (48...57).contains(byte) || byte == 95 || byte == 45 || byte == 46
        }) else { return nil }
        self.name = String(trimmed)
    }

    public var kind: Kind {
        if name.hasPrefix("HB_") { return .hub }
        if name.hasPrefix("LZ_") { return .loadZone }
        return .resourceNode
    }

    public var description: String { name }
    public static func < (lhs: SettlementPoint, rhs: SettlementPoint) -> Bool { lhs.name < rhs.name }

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let point = SettlementPoint(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                debugDescription: "'\(text)' is not a settlement point name (A-Z, 0-9, _)"))
        }
        self = point
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(name)
    }
}
