import DartPublish
import DartRuns
import ArgumentParser
import DartCore
import DartPipeline
import DartServer
import Foundation

/// `dartcast runs …`: the run records, their deliveries and logs.
struct RunsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "runs",
        abstract: "List runs, show one (steps, timings, errors, models, row counts, deliveries), print its log.",
        subcommands: [List.self, Show.self, Logs.self, Download.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List runs, newest first.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var server: ServerOption
        @Option(help: "Only this job.") var job: String?
        @Option(help: "Only this status (\(RunStatus.allCases.map(\.rawValue).joined(separator: ", "))).") var status: String?
        @Option(help: "At most this many runs (1–1000; with --server 1–500).") var limit: Int = 20
        @Option(help: "table, csv or json (the run records as the API gives them).") var format: OutputFormat = .table

        func validate() throws {
            if let status, RunStatus(rawValue: status) == nil {
                throw ValidationError("--status '\(status)' is not one of \(RunStatus.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            guard (1...1000).contains(limit) else { throw ValidationError("--limit must be 1–1000") }
        }

        static let header = ["run_id", "job", "slot_utc", "product", "status", "duration_seconds", "prediction_rows", "pending_deliveries"]

        func run() async throws {
            let runs: [RunRecord]
            var pending: [String: [Delivery]] = [:]
            if let client = try server.client(global) {
                runs = try await client.runs(job: job, status: status.flatMap(RunStatus.init(rawValue:)), limit: min(limit, 500))
            } else {
                let store = try RunStore(directory: global.resolvedDataDirectory())
                runs = try store.runs(job: job, status: status.flatMap(RunStatus.init(rawValue:)), limit: limit)
                pending = Dictionary(grouping: try store.deliveries(status: .pending), by: \.runID)
            }
            if format == .json { print(try OutputFormat.json(runs.map(RunView.init))); return }
            guard !runs.isEmpty || format == .csv else { print("no runs"); return }
            let rows = runs.map { run in
                [run.runID, run.job, UTCFormat.iso8601(run.slotUTC), run.product, format == .csv ? run.status.rawValue : RunRecordText.status(run),
                 run.durationSeconds.map { String(format: "%.1f", $0) } ?? "", "\(run.rowCounts["predictions"] ?? 0)",
                 "\(pending[run.runID]?.count ?? 0)"]
            }
            print(OutputFormat.text(header: Self.header, rows: rows, format: format))
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one run with its steps and deliveries.")
        @OptionGroup var target: RunArguments

        func run() async throws {
            let runID = target.runID
            print(try await target.read(server: { RunRecordText.render(try await $0.run(runID), deliveries: []) },
                                        local: { RunRecordText.render(try $0.run(runID), deliveries: try $0.deliveries(runID: runID)) }))
        }
    }

    struct Logs: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print a run's log (JSON lines).")
        @OptionGroup var target: RunArguments

        func run() async throws {
            let runID = target.runID
            FileHandle.standardOutput.write(try await target.read(server: { try await $0.runLog(runID) }, local: { store in
                let record = try store.run(runID)
                guard let path = record.logPath, let data = FileManager.default.contents(atPath: path) else {
                    throw ValidationError("run \(runID) has no log file\(record.logPath.map { " at \($0)" } ?? "")")
                }
                return data
            }))
        }
    }

    struct Download: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Save a run's record (run.json), log, outbox copy and published partition files into a folder.",
            discussion: "Files go to DIR/RUN_ID/. Partition files are included while the run's partition is the current one (a re-run of the slot replaces it).")
        @OptionGroup var target: RunArguments
        @Option(help: "Folder to save into (a RUN_ID folder is made inside).") var to: String = "."

        func run() async throws {
            let (global, server, runID) = (target.global, target.server, target.runID)
            try RunFileName.validate(runID, what: "run id")
            let folder = URL(fileURLWithPath: to).appendingPathComponent(runID)
            var files: [(name: String, data: Data)] = []
            if let client = try server.client(global) {
                for file in try await client.runFiles(runID).files {
                    files.append((file.name, try await client.runFile(runID, name: file.name)))
                }
            } else {
                let workspace = try global.workspace(label: "dartcast.runs")
                let bundle = RunBundle(runStore: try workspace.runStore(), targets: PublishTargetFactory(workspace: workspace))
                files = try await bundle.files(runID: runID).map { ($0.file.name, $0.data) }
            }
            // Every name is checked before anything is written: a bad one leaves the folder untouched.
            for file in files { try RunFileName.validate(file.name, what: "file name") }
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            for file in files {
                try file.data.write(to: folder.appendingPathComponent(file.name), options: .atomic)
                print("\(folder.appendingPathComponent(file.name).path)  \(file.data.count) bytes")
            }
        }
    }
}

/// The run a `runs` subcommand reads: from the local data directory, or from `--server`.
struct RunArguments: ParsableArguments {
    @OptionGroup var global: GlobalOptions
    @OptionGroup var server: ServerOption
    @Argument(help: "The run id (see `runs list`).") var runID: String

    /// What `--server` answers, or without it what the local run store holds.
    func read<T>(server remote: (APIClient) async throws -> T, local: (RunStore) throws -> T) async throws -> T {
        if let client = try server.client(global) { return try await remote(client) }
        return try local(try RunStore(directory: global.resolvedDataDirectory()))
    }
}
