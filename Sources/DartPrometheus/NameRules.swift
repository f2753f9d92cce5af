/// Prometheus name rules. Checked before anything reaches the registry: swift-prometheus would
/// silently rewrite a bad name (and stop on conflicting ones), and the supplement writes names as given.
enum NameRules {
    /// `[a-zA-Z_:][a-zA-Z0-9_:]*`
    static func isMetricName(_ name: String) -> Bool { matches(name, allowColon: true) }

    /// `[a-zA-Z_][a-zA-Z0-9_]*`
    static func isLabelName(_ name: String) -> Bool { matches(name, allowColon: false) }

    private static func matches(_ name: String, allowColon: Bool) -> Bool {
        guard let first = name.utf8.first, !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) else { return false }
        return name.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "_"): true
            case UInt8(ascii: ":"): allowColon
            default: false
            }
        }
    }
}
