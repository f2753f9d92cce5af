import Foundation

/// Builds a Prometheus text exposition (format 0.0.4): `# HELP`, `# TYPE` and samples, one
/// family at a time. Written by hand so the server needs no metrics dependency.
public struct PrometheusText: Sendable {
    public enum MetricType: String, Sendable {
        case counter, gauge, summary, histogram, untyped
    }

    private(set) var lines: [String] = []
    private var declared: Set<String> = []

    public init() {}

    /// Declares a family once; later calls with the same name are ignored.
    public mutating func family(_ name: String, type: MetricType, help: String) {
        guard declared.insert(name).inserted else { return }
        lines.append("# HELP \(name) \(Self.escapeHelp(help))")
        lines.append("# TYPE \(name) \(type.rawValue)")
    }

    /// One sample line: `name{label="value",…} value`.
    public mutating func sample(_ name: String, labels: [(String, String)] = [], _ value: Double) {
        let labelText = labels.isEmpty ? "" : "{" + labels.map { "\($0.0)=\"\(Self.escapeLabel($0.1))\"" }.joined(separator: ",") + "}"
        lines.append("\(name)\(labelText) \(Self.format(value))")
    }

    /// Appends text that is already in the exposition format (another component's families);
    /// its `# TYPE` lines count as declared.
    public mutating func append(exposition: String) {
        for line in exposition.split(separator: "\n") where !line.isEmpty {
            if line.hasPrefix("# TYPE "), let name = line.split(separator: " ").dropFirst(2).first { declared.insert(String(name)) }
            lines.append(String(line))
        }
    }

    /// The exposition text, newline-terminated.
    public var text: String { lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n" }

    /// Content-Type of this format.
    public static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    static func format(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "+Inf" : "-Inf" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    static func escapeLabel(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
    }

    static func escapeHelp(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\n", with: "\\n")
    }
}
