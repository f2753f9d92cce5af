extension MetricsReport {
    /// A compact fixed-width table: one line overall, then one per point and per hour ending.
    /// Undefined values print as `-`.
    public func textTable() -> String {
        let header = ["group", "rows", "miss", "MAE", "RMSE", "MedAE", "rMAE0", "rMAEnv", "MAE<P99",
                      "sign", "major", "pin10", "pin50", "pin90", "cov80"]
        var lines = [header]
        lines.append(Self.cells("overall", overall))
        for entry in byPoint { lines.append(Self.cells(entry.point, entry.metrics)) }
        for entry in byHourEnding { lines.append(Self.cells("HE \(entry.hourEnding)", entry.metrics)) }

        let widths = header.indices.map { column in lines.map { $0[column].count }.max() ?? 0 }
        var text = lines.map { cells in
            cells.enumerated().map { column, cell in
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                return column == 0 ? cell + padding : padding + cell  // names left, numbers right
            }.joined(separator: "  ")
        }.joined(separator: "\n")
        if let tailThreshold {
            text += "\nP99 |actual| = \(Self.format(tailThreshold)) $/MWh"
        }
        if let best = overall.bestNaive {
            text += "; best naive overall: \(best)"
        }
        return text + "\n"
    }

    private static func cells(_ name: String, _ m: ErrorMetrics) -> [String] {
        [name, String(m.rows), String(m.missingActualRows)] + [
            m.mae, m.rmse, m.medianAbsoluteError, m.relativeMAEVsZero, m.relativeMAEVsBestNaive,
            m.maeExcludingTail, m.signAccuracy, m.majorityClassRate, m.pinball10, m.pinball50,
            m.pinball90, m.coverage10to90,
        ].map { $0.map(format) ?? "-" }
    }

    static func format(_ value: Double) -> String {
        guard value.isFinite else { return String(value) }
        // Three decimals without Foundation's locale-dependent formatters.
        let scaled = (abs(value) * 1000).rounded()
        let whole = Int(scaled / 1000), fraction = Int(scaled.truncatingRemainder(dividingBy: 1000))
        let digits = String(fraction)
        let sign = value < 0 && scaled > 0 ? "-" : ""
        return "\(sign)\(whole).\(String(repeating: "0", count: 3 - digits.count))\(digits)"
    }
}
