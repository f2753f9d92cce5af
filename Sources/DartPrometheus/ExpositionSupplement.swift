/// The parts of `/metrics` that swift-prometheus 2.4 cannot write, appended after the registry's
/// own output: summary families (it has counters, gauges and histograms only) and families that
/// are declared but have no series in this scrape (it drops a family with its last series).
/// Numbers are written the way the registry writes gauges (`3.0`, `0.25`), so the page reads alike.
enum ExpositionSupplement {
    static func declaration(name: String, help: String, type: String, into buffer: inout [UInt8]) {
        buffer.append(contentsOf: "# HELP \(name) \(escapeHelp(help))\n# TYPE \(name) \(type)\n".utf8)
    }

    static func summary(_ summary: MetricsScrape.Summary, into buffer: inout [UInt8]) {
        let name = summary.family.name
        declaration(name: name, help: summary.family.help, type: "summary", into: &buffer)
        for series in summary.series {
            for (quantile, value) in series.quantiles {
                sample(name, series.labels.pairs + [("quantile", "\(quantile)")], number(value), into: &buffer)
            }
            sample(name + "_sum", series.labels.pairs, number(series.sum), into: &buffer)
            sample(name + "_count", series.labels.pairs, "\(series.count)", into: &buffer)
        }
    }

    private static func sample(_ name: String, _ labels: [(String, String)], _ value: String, into buffer: inout [UInt8]) {
        let labelText = labels.isEmpty ? "" : "{" + labels.map { "\($0.0)=\"\(escapeLabel($0.1))\"" }.joined(separator: ",") + "}"
        buffer.append(contentsOf: "\(name)\(labelText) \(value)\n".utf8)
    }

    static func number(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "+Inf" : "-Inf" }
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
