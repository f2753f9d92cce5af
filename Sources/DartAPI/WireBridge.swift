import Foundation

/// Converts between the generated wire types (`Components.Schemas.*`) and the app's own Codable
/// values of the same JSON shape (views, run records), so domain code and the CLI's formatters
/// keep their types while the HTTP layer speaks only what openapi.yaml declares.
public enum WireBridge {
    /// A value did not fit the other shape: openapi.yaml and the Swift type disagree.
    public struct Mismatch: Error, Hashable, Sendable, CustomStringConvertible {
        public let from: String
        public let to: String
        public let detail: String
        public var description: String {
            "\(from) does not match \(to) (\(detail)); make openapi.yaml and the Swift type agree"
        }
    }

    public static func convert<Target: Decodable>(_ value: some Encodable, to target: Target.Type = Target.self) throws -> Target {
        do {
            return try JSONDecoder().decode(Target.self, from: try JSONEncoder().encode(value))
        } catch {
            throw Mismatch(from: "\(type(of: value))", to: "\(Target.self)", detail: "\(error)")
        }
    }
}
