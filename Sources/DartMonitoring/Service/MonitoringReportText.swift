import DartCore
import Foundation

/// A monitoring report as plain text for `dartcast monitor` and logs.
public enum MonitoringReportText {
    public static func render(_ report: MonitoringReport) -> String {
        var lines = ["monitoring as of \(UTCFormat.iso8601(report.asOfUTC)); scores through operating day \(report.lastCompleteDay)",
                     "forecasts from: \(report.forecastSource)",
                     "re-scored \(Set(report.rescoredDays.map(\.day)).count) days, \(report.changedScoreRows) daily score rows changed", ""]
        let familyLines = report.rolling.filter { $0.version == nil }
        lines.append("rolling scores (all versions of each model line):")
        if familyLines.isEmpty { lines.append("  none yet: no forecast has a realized DART in the window") }
        lines += table(header: ["product", "model_family", "window_days", "row_count", "mae", "zero_mae", "skill", "p10_p90_coverage"], rows: familyLines.map { score in
            [score.product, score.family, "\(score.windowDays)", "\(score.rows)", money(score.mae), money(score.zeroMAE),
             score.skill.map { String(format: "%.3f", $0) } ?? "-", score.coverage.map { String(format: "%.0f%%", $0 * 100) } ?? "-"]
        })
        lines.append("")
        lines.append("feature drift (PSI, recent vs training window):")
        if report.drift.isEmpty { lines.append("  not computed") }
        lines += table(header: ["product", "feature", "psi", "reference_rows", "recent_rows"], rows: report.drift.map { drift in
            [drift.product, drift.feature, drift.psi.map { String(format: "%.3f", $0) } ?? "no data", "\(drift.referenceRows)", "\(drift.recentRows)"]
        })
        lines.append("")
        lines.append("open alerts: \(report.openAlerts.count) (opened now \(report.alertChanges.opened.count), resolved now \(report.alertChanges.resolved.count))")
        for alert in report.openAlerts {
            lines.append("  [\(alert.kind.rawValue)] \(alert.message) (since \(UTCFormat.iso8601(alert.firstSeenUTC)))")
        }
        for alert in report.alertChanges.resolved { lines.append("  resolved: [\(alert.kind.rawValue)] \(alert.subject)") }
        if report.notices.sent > 0 || !report.notices.failures.isEmpty {
            lines.append("notices sent: \(report.notices.sent); failed: \(report.notices.failures.count)")
            lines += report.notices.failures.map { "  \($0)" }
        }
        if !report.problems.isEmpty {
            lines.append("")
            lines.append("notes:")
            lines += report.problems.map { "  \($0)" }
        }
        return lines.joined(separator: "\n")
    }

    static func money(_ value: Double) -> String { value.isFinite ? String(format: "%.2f", value) : "-" }

    static func table(header: [String], rows: [[String]]) -> [String] {
        guard !rows.isEmpty else { return [] }
        var widths = header.map(\.count)
        for row in rows { for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) } }
        func line(_ cells: [String]) -> String {
            "  " + cells.enumerated().map { $0.element.padding(toLength: widths[$0.offset], withPad: " ", startingAt: 0) }.joined(separator: "  ")
        }
        return [line(header)] + rows.map(line)
    }
}
