import DartConfig
import DartData
import DartMonitoring
import DartPipeline
import DartPublish
import DartScheduler
import DartServer
import DartWorkspace
import Foundation
import Logging

/// The composition root: from settings it builds, once, the parts every entry point shares —
/// the workspace (rules, data directory, stores), the market sources, the publish targets and
/// notification channels, the clock and `now` — and hands out the pipeline, scheduler,
/// monitoring pass and `serve`'s services built from them. Commands only parse arguments and
/// call it; tests build it with their own clock, registrations and fakes.
public struct DartRuntime: Sendable {
    /// What the runtime is assembled from; add an entry to add a source, channel or model family.
    public struct Registrations: Sendable {
        public var sources: [MarketSources.Registration]
        public var channels: [NotificationChannel]
        public var families: ModelFamilyTable

        public init(sources: [MarketSources.Registration] = MarketSources.registered,
                    channels: [NotificationChannel] = NotificationChannel.standard, families: ModelFamilyTable = .standard) {
            self.sources = sources
            self.channels = channels
            self.families = families
        }

        public static let standard = Registrations()
    }

    public let workspace: Workspace
    /// What services sleep on (`ContinuousClock()`, a `TestClock` in tests); `workspace.now` agrees with it.
    public let clock: any Clock<Duration>
    public let sources: [any MarketSource]
    public let targets: PublishTargetFactory
    public let registrations: Registrations

    /// - Parameters:
    ///   - dataDirectory: overrides `storage.data_dir` (the `--data-dir` option).
    ///   - console: where console notices go (default: standard output).
    /// - Throws: `WorkspaceError` when the settings cannot be resolved (time zone, market times);
    ///   `PipelineError(.configuration)` when they name a model family `registrations.families` lacks.
    public init(loaded: LoadedSettings, dataDirectory: URL?, logger: Logger, clock: any Clock<Duration> = ContinuousClock(),
                now: @escaping @Sendable () -> Date = { Date() }, registrations: Registrations = .standard,
                console: @escaping @Sendable (String) -> Void = { print($0) }) throws {
        try registrations.families.validate(loaded.settings.models)
        let workspace = try Workspace(loaded: loaded, dataDirectory: dataDirectory, logger: logger, now: now)
        self.init(workspace: workspace, clock: clock, registrations: registrations, console: console)
    }

    public init(workspace: Workspace, clock: any Clock<Duration> = ContinuousClock(), registrations: Registrations = .standard,
                console: @escaping @Sendable (String) -> Void = { print($0) }) {
        self.workspace = workspace
        self.clock = clock
        self.registrations = registrations
        sources = MarketSources.configured(in: workspace, registrations: registrations.sources)
        targets = PublishTargetFactory(workspace: workspace, console: console, channels: registrations.channels)
    }

    public var settings: Settings { workspace.settings }
    public var logger: Logger { workspace.logger }
    /// The current time in UTC seconds, from the injected `now`.
    public var nowUTC: @Sendable () -> Int64 {
        let now = workspace.now
        return { Int64(now().timeIntervalSince1970) }
    }

    /// The production run (`dartcast run`, scheduled jobs, triggers).
    public func pipeline(hooks: RunHooks = RunHooks()) -> RunPipeline {
        RunPipeline(workspace: workspace, targets: targets, sources: sources, hooks: hooks, families: registrations.families)
    }

    /// `dartcast backfill`: the production pipeline's runs for past issue times, tagged `backfill`.
    public func backfill() -> Backfill {
        Backfill(pipeline: pipeline())
    }

    /// One monitoring pass; alerts go through the enabled notification channels.
    public func monitoringPass() throws -> MonitoringPass {
        let notifiers = targets.enabledNotifiers()
        for (channel, problem) in notifiers.unavailable {
            logger.warning("monitoring alerts cannot use this channel", metadata: ["channel": "\(channel)", "error": "\(problem)"])
        }
        return try MonitoringPass(workspace: workspace, notifiers: notifiers.notifiers)
    }

    /// The scheduler of `scheduling.jobs`, running `pipeline`, on this runtime's clock.
    public func scheduler(pipeline: RunPipeline, observe: @escaping @Sendable (SchedulerEvent) -> Void = { _ in }) throws -> Scheduler {
        let deadlines = DeadlineAlertSender(notifiers: targets.enabledNotifiers().notifiers,
                                            products: Dictionary(settings.scheduling.jobs.map { ($0.name, $0.product.rawValue) },
                                                                 uniquingKeysWith: { first, _ in first }),
                                            logger: logger)
        return try Scheduler(
            settings: settings.scheduling,
            store: SchedulerStateStore(path: workspace.dataDirectory.appendingPathComponent("scheduler.sqlite").path),
            runner: PipelineJobRunner(pipeline: pipeline), clock: clock, now: nowUTC,
            alert: { alert in await deadlines.send(alert) }, observe: observe, logger: logger)
    }
}
