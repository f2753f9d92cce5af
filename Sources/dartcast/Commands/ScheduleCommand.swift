import DartRuntime
import DartWorkspace
import ArgumentParser
import DartCore
import DartPipeline
import DartScheduler
import DartServer
import Foundation
import DartReports

/// `dartcast schedule …`: the scheduler's jobs, their switches and upcoming slots.
struct ScheduleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schedule",
        abstract: "List jobs, show one, turn it on or off, print its next slots (local time and UTC).",
        subcommands: [List.self, Show.self, Enable.self, Disable.self, Next.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the jobs with their switches, last and next slot.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var server: ServerOption

        func run() async throws {
            let list = try await ScheduleCommand.schedules(global, server)
            let rows = list.schedules.map { schedule in
                [schedule.job, ScheduleCommand.switchText(schedule), schedule.expression, schedule.product,
                 schedule.running ? "running" : "", schedule.lastSlot?.local ?? "–",
                 schedule.nextSlots.first.map { "\($0.local) (\($0.utc))" } ?? "–"]
            }
            print("time zone \(list.timezone)")
            print(RecordFormat.table(header: ["job", "enabled", "schedule", "product", "state", "last slot", "next slot"], rows: rows))
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one job: settings, switches, last slot, next slots.")
        @OptionGroup var target: JobArguments

        func run() async throws {
            let (job, list) = (target.job, try await ScheduleCommand.schedules(target.global, target.server))
            guard let schedule = list.schedules.first(where: { $0.job == job }) else {
                throw ValidationError("no job named \(job); configured jobs: \(list.schedules.map(\.job).joined(separator: ", "))")
            }
            print("""
                job         \(schedule.job)
                enabled     \(ScheduleCommand.switchText(schedule))
                schedule    \(schedule.expression) (\(schedule.timezone))
                product     \(schedule.product)  retrain \(schedule.retrain)  overlap \(schedule.overlap)  catch_up \(schedule.catchUp)
                state       \(schedule.running ? "running" : "idle")
                last slot   \(schedule.lastSlot.map { "\($0.local) (\($0.utc))" } ?? "none yet")
                next slots
                """)
            for slot in schedule.nextSlots { print("  \(slot.local)  \(slot.utc)") }
        }
    }

    struct Enable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Turn a job on (slots missed while off are not caught up).")
        @OptionGroup var target: JobArguments

        func run() async throws { try await ScheduleCommand.setEnabled(target.job, true, target.global, target.server) }
    }

    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Turn a job off; manual triggers still work.")
        @OptionGroup var target: JobArguments

        func run() async throws { try await ScheduleCommand.setEnabled(target.job, false, target.global, target.server) }
    }

    struct Next: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print a job's next slots in local time (CDT/CST) and UTC, from the settings.",
            discussion: "Computed from the local settings (no --server): the slot math needs no state.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The job name.") var job: String
        @Option(help: "How many slots (1–10000).") var count: Int = 10
        @Option(help: "Start after this time: ISO UTC (…Z), market local time (2025-11-02T00:00) or now.") var from: String = "now"

        func run() async throws {
            let scheduler = try LocalScheduler(global)
            let zone = scheduler.workspace.rules.timeZone
            let after = try TimeArgument.parse(from, zone: zone)
            let slots = try scheduler.scheduler.upcomingSlots(job: job, count: count, after: after)
            let schedule = try scheduler.scheduler.slots(job: job)
            for slot in slots {
                print("\(slot.localTextWithAbbreviation(zone: schedule.zone))  \(slot.utcText)")
            }
        }
    }

    static func switchText(_ schedule: ScheduleView) -> String {
        if !schedule.configuredEnabled { return "off (settings)" }
        return schedule.operatorEnabled ? "on" : "off (operator)"
    }

    static func schedules(_ global: GlobalOptions, _ server: ServerOption) async throws -> ScheduleListView {
        if let client = try server.client(global) { return try await client.schedules() }
        return try await LocalScheduler(global).schedules()
    }

    static func setEnabled(_ job: String, _ enabled: Bool, _ global: GlobalOptions, _ server: ServerOption) async throws {
        let view: ScheduleSwitchView
        if let client = try server.client(global) {
            view = try await client.setEnabled(job: job, enabled: enabled)
        } else {
            let local = try LocalScheduler(global)
            try local.scheduler.setEnabled(job: job, enabled: enabled)
            view = ScheduleSwitchView(job: job, operatorEnabled: enabled,
                                      configuredEnabled: local.workspace.settings.scheduling.job(named: job)?.enabled ?? true)
        }
        print("\(view.job): \(view.operatorEnabled ? "enabled" : "disabled")")
        if !view.configuredEnabled { print("note: settings.json has enabled: false for \(view.job); it does not run on schedule until that is changed") }
    }
}

/// The scheduler over the local state file (`<data-dir>/scheduler.sqlite`), for commands run
/// beside or instead of `dartcast serve`. Its loop is not started here.
struct LocalScheduler {
    let workspace: Workspace
    let scheduler: Scheduler

    init(_ global: GlobalOptions) throws {
        let runtime = try global.runtime(label: "dartcast.schedule")
        workspace = runtime.workspace
        scheduler = try runtime.scheduler(pipeline: runtime.pipeline())
    }

    func schedules() async throws -> ScheduleListView { try await ScheduleListView.build(scheduler: scheduler) }
}

/// The job a `schedule` subcommand reads or switches: in the local settings and scheduler state, or on `--server`.
struct JobArguments: ParsableArguments {
    @OptionGroup var global: GlobalOptions
    @OptionGroup var server: ServerOption
    @Argument(help: "The job name (see `schedule list`).") var job: String
}
