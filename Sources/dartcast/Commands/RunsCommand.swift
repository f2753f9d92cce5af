import ArgumentParser
import DartCore
import DartPipeline
import Foundation

/// `dartcast runs …`: the run records, their deliveries and logs.
struct RunsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "runs",
        abstract: "List runs, show one (steps, timings, errors, models, row counts, deliveries), print its log.",
        subcommands: [List.self, Show.self, Logs.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List runs, newest first.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Only this job.") var job: String?
        @Option(help: "Only this status (\(RunStatus.allCases.map(\.rawValue).joined(separator: ", "))).") var status: String?
        @Option(help: "At most this many runs (1–1000).") var limit: Int = 20

        func validate() throws {
            if let status, RunStatus(rawValue: status) == nil {
                throw ValidationError("--status '\(status)' is not one of \(RunStatus.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            guard (1...1000).contains(limit) else { throw ValidationError("--limit must be 1–1000") }
        }

        func run() throws {
            let store = try RunStore(directory: global.resolvedDataDirectory())
            let runs = try store.runs(job: job, status: status.flatMap(RunStatus.init(rawValue:)), limit: limit)
            guard !runs.isEmpty else { print("no runs"); return }
            let pending = Dictionary(grouping: try store.deliveries(status: .pending), by: \.runID)
            let rows = runs.map { run in
                [run.runID, run.job, UTCFormat.iso8601(run.slotUTC), run.product, RunRecordFormatter.status(run),
                 run.durationSeconds.map { String(format: "%.1f s", $0) } ?? "–", "\(run.rowCounts["predictions"] ?? 0)",
                 "\(pending[run.runID]?.count ?? 0)"]
            }
            print(ModelsCommand.table(header: ["run id", "job", "slot (UTC)", "product", "status", "duration", "rows", "pending"], rows: rows))
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one run with its steps and deliveries.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The run id (see `runs list`).") var runID: String

        func run() throws {
            let store = try RunStore(directory: global.resolvedDataDirectory())
            print(RunRecordFormatter.render(try store.run(runID), deliveries: try store.deliveries(runID: runID)))
        }
    }

    struct Logs: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print a run's log (JSON lines).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The run id (see `runs list`).") var runID: String

        func run() throws {
            let record = try RunStore(directory: global.resolvedDataDirectory()).run(runID)
            guard let path = record.logPath, let data = FileManager.default.contents(atPath: path) else {
                throw ValidationError("run \(runID) has no log file\(record.logPath.map { " at \($0)" } ?? "")")
            }
            FileHandle.standardOutput.write(data)
        }
    }
}

/// Text views of run records shared by `run` and `runs`.
enum RunRecordFormatter {
    /// `succeeded`, or `succeeded (2 steps failed)` when non-critical steps failed.
    static func status(_ record: RunRecord) -> String {
        let failed = record.steps.filter { $0.status == .failed }.count
        guard record.status == .succeeded, failed > 0 else { return record.status.rawValue }
        return "succeeded (\(failed) step\(failed == 1 ? "" : "s") failed)"
    }

    /// `key=value key=value`, sorted by key.
    static func facts(_ values: [String: some CustomStringConvertible]) -> String {
        values.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
    }

    static func render(_ record: RunRecord, deliveries: [Delivery]) -> String {
        var lines = [
            "run \(record.runID)  job \(record.job)  attempt \(record.attempt)  product \(record.product)",
            "slot (UTC)  \(UTCFormat.iso8601(record.slotUTC))",
            "status      \(status(record))" + (record.durationSeconds.map { String(format: "  in %.1f s", $0) } ?? ""),
            "params      " + facts(record.params),
        ]
        if let error = record.error { lines.append("error       \(error)") }
        if let log = record.logPath { lines.append("log         \(log)") }
        lines.append("")
        lines.append(ModelsCommand.table(header: ["step", "status", "seconds", "detail / error"], rows: record.steps.map { step in
            [step.name, step.status.rawValue, step.durationSeconds.map { String(format: "%.2f", $0) } ?? "",
             step.error ?? facts(step.detail)]
        }))
        if !record.modelVersions.isEmpty {
            lines.append("\nmodels      " + facts(record.modelVersions))
        }
        if !record.rowCounts.isEmpty {
            lines.append("row counts  " + facts(record.rowCounts))
        }
        if !deliveries.isEmpty {
            lines.append("")
            lines.append(ModelsCommand.table(header: ["delivery", "status", "attempts", "last error"], rows: deliveries.map {
                [$0.target, $0.status.rawValue, "\($0.attempts)", $0.lastError ?? ""]
            }))
        }
        return lines.joined(separator: "\n")
    }
}
