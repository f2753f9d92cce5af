import Foundation
import Logging

/// Log metadata as people read it, shared by the console handler and `run.log`.
///
/// Values never appear as Swift dumps: an array is `a, b`, a dictionary `k=v, k2=v2` (sorted by
/// key), nested values the same way. A field whose value is empty (`error=""`) is left out, so a
/// line never shows a field that says nothing.
public enum LogMetadataText {
    /// The value as text: strings as they are, arrays and dictionaries flattened (see the type).
    public static func text(_ value: Logger.Metadata.Value) -> String {
        switch value {
        case .string(let text): text
        case .stringConvertible(let convertible): convertible.description
        case .array(let values): values.map(text).joined(separator: ", ")
        case .dictionary(let dictionary):
            dictionary.sorted { $0.key < $1.key }.map { "\($0.key)=\(text($0.value))" }.joined(separator: ", ")
        }
    }

    /// The fields to write, sorted by key, each value as `text(_:)`; empty values are left out.
    public static func fields(_ metadata: Logger.Metadata) -> [(key: String, value: String)] {
        metadata.sorted { $0.key < $1.key }.compactMap { field -> (key: String, value: String)? in
            let text = text(field.value)
            return text.isEmpty ? nil : (key: field.key, value: text)
        }
    }

    /// ` key=value key2="two words"` (leading space; empty when there are no fields). A value
    /// with a space, `=` or `"` is quoted, with `"` and `\` escaped, so fields stay separable.
    public static func keyValues(_ metadata: Logger.Metadata) -> String {
        fields(metadata).map { " \($0.key)=\(quotedIfNeeded($0.value))" }.joined()
    }

    /// One console line: `TIMESTAMP LEVEL LABEL: MESSAGE key=value …`.
    public static func textLine(timestamp: String, level: Logger.Level, label: String, message: String,
                                metadata: Logger.Metadata) -> String {
        "\(timestamp) \(level) \(label): \(message)\(keyValues(metadata))"
    }

    /// One JSON object: `ts`, `level`, `logger`, `msg` and each field as a string (keys sorted).
    public static func jsonLine(timestamp: String, level: Logger.Level, label: String, message: String,
                                metadata: Logger.Metadata) -> String {
        var object: [String: String] = [:]
        for (key, value) in fields(metadata) { object[key] = value }
        object.merge(["ts": timestamp, "level": level.rawValue, "logger": label, "msg": message]) { $1 }
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    static func quotedIfNeeded(_ text: String) -> String {
        guard text.contains(where: { $0 == " " || $0 == "=" || $0 == "\"" || $0 == "\n" || $0 == "\t" }) else { return text }
        let escaped = text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n").replacingOccurrences(of: "\t", with: "\\t")
        return "\"\(escaped)\""
    }
}
