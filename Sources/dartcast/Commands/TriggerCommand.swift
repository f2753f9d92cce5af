import ArgumentParser
import DartPipeline
import DartScheduler
import DartServer
import Foundation
import DartRuns

struct TriggerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trigger",
        abstract: "Run a scheduled job now, through the scheduler's manual path (overlap rules and records apply).",
        discussion: """
            Locally the run happens in this process and the command waits for it (use --server while `dartcast serve` \
            runs, so both share one overlap gate). With --server the server accepts the run (202) and returns; follow \
            it with `dartcast runs list --job JOB --server URL`.
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var server: ServerOption

    @Argument(help: "The job name (see `schedule list`).")
    var job: String

    @Flag(help: "Refit the models first (overrides the job's retrain setting).")
    var retrain = false

    func run() async throws {
        if let client = try server.client(global) {
            let view = try await client.trigger(job: job, retrain: retrain ? true : nil)
            print("\(view.job): \(view.status) at \(view.acceptedAt) (retrain \(view.retrain)); follow it with \(view.runsLink)")
            return
        }
        let local = try LocalScheduler(global)
        let outcome = try await local.scheduler.trigger(job: job, retrain: retrain ? true : nil)
        if let record = try local.workspace.runStore().runs(job: job, limit: 1).first {
            print(RunRecordText.render(record, deliveries: try local.workspace.runStore().deliveries(runID: record.runID)))
        }
        print("\noutcome: \(outcome)")
        guard case .succeeded = outcome else { throw ExitCode(1) }
    }
}
