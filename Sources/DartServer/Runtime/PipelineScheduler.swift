import DartPipeline
import DartScheduler
import Foundation

extension Scheduler {
    /// The production scheduler: `scheduling` from the workspace settings, state in
    /// `<data-dir>/scheduler.sqlite`, jobs run by `RunPipeline`, real clocks, deadline alerts sent through the configured notifiers.
    public static func pipeline(workspace: Workspace, pipeline: RunPipeline,
                                observe: @escaping @Sendable (SchedulerEvent) -> Void = { _ in }) throws -> Scheduler {
        let logger = workspace.logger
        let deadlines = DeadlineAlertSender(workspace: workspace)
        return try Scheduler(
            settings: workspace.settings.scheduling,
            store: SchedulerStateStore(path: workspace.dataDirectory.appendingPathComponent("scheduler.sqlite").path),
            runner: PipelineJobRunner(pipeline: pipeline), clock: ContinuousClock(), now: { Int64(Date().timeIntervalSince1970) },
            alert: { alert in await deadlines.send(alert) },
            observe: observe, logger: logger)
    }
}
