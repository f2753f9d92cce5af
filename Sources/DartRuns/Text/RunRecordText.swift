import DartCore
import DartData
import DartReports
import Foundation

/// Text views of run records, as `run`, `runs show`, `trigger` and `demo` print them.
public enum RunRecordText {
    /// `succeeded`, or `succeeded (2 steps failed)` when non-critical steps failed.
    public static func status(_ record: RunRecord) -> String {
        let failed = record.steps.filter { $0.status == .failed }.count
        guard record.status.published, failed > 0 else { return record.status.rawValue }
        return "\(record.status.rawValue) (\(failed) step\(failed == 1 ? "" : "s") failed)"
    }

    /// `key=value key=value`, sorted by key.
    public static func facts(_ values: [String: some CustomStringConvertible]) -> String {
        values.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
    }

    /// The record's header lines, its steps, models, row counts, inputs and deliveries.
    public static func render(_ record: RunRecord, deliveries: [Delivery]) -> String {
        var lines = [
            "run \(record.runID)  job \(record.job)  attempt \(record.attempt)  product \(record.product)",
            "slot (UTC)  \(UTCFormat.iso8601(record.slotUTC))",
            "status      \(status(record))" + (record.durationSeconds.map { String(format: "  in %.1f s", $0) } ?? ""),
            "params      " + facts(record.params),
        ]
        if let error = record.error { lines.append("error       \(error)") }
        if let log = record.logPath { lines.append("log         \(log)") }
        lines.append("")
        lines.append(RecordFormat.table(header: ["step", "status", "seconds", "detail / error"], rows: record.steps.map { step in
            [step.name, step.status.rawValue, step.durationSeconds.map { String(format: "%.2f", $0) } ?? "",
             step.error ?? facts(step.detail)]
        }))
        if !record.modelVersions.isEmpty {
            lines.append("\nmodels      " + facts(record.modelVersions))
        }
        if !record.rowCounts.isEmpty {
            lines.append("row counts  " + facts(record.rowCounts))
        }
        if let inputs = record.inputs {
            if !inputs.series.isEmpty {
                lines.append("\ninputs known at the issue time:")
                lines.append(FreshnessTable.render(inputs.series))
            }
            for line in inputs.missingFeatures { lines.append("missing     \(line)") }
            for line in inputs.degradedBecause { lines.append("degraded    \(line)") }
        }
        if !deliveries.isEmpty {
            lines.append("")
            lines.append(RecordFormat.table(header: ["delivery", "status", "attempts", "last error"], rows: deliveries.map {
                [$0.target, $0.status.rawValue, "\($0.attempts)", $0.lastError ?? ""]
            }))
        }
        return lines.joined(separator: "\n")
    }
}
