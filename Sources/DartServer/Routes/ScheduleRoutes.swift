import DartAPI
import DartConfig
import DartCore
import DartScheduler

extension APIServer {
    /// Upcoming slots listed per job.
    static let nextSlotCount = 5

    public func listSchedules(_ input: Operations.ListSchedules.Input) async throws -> Operations.ListSchedules.Output {
        .ok(.init(body: .json(try WireBridge.convert(try await scheduleList()))))
    }

    // The token is checked by BearerAuthMiddleware, as openapi.yaml marks these operations.
    public func enableSchedule(_ input: Operations.EnableSchedule.Input) async throws -> Operations.EnableSchedule.Output {
        .ok(.init(body: .json(try setEnabled(job: input.path.job, enabled: true))))
    }

    public func disableSchedule(_ input: Operations.DisableSchedule.Input) async throws -> Operations.DisableSchedule.Output {
        .ok(.init(body: .json(try setEnabled(job: input.path.job, enabled: false))))
    }

    public func triggerJob(_ input: Operations.TriggerJob.Input) async throws -> Operations.TriggerJob.Output {
        let job = try knownJob(input.path.job)
        let retrain = input.query.retrain
        // A drain answers 503 first: during one the job is often still running, which is not the reason to give.
        guard !state.isDraining else {
            throw APIError(.unavailable, "the server is shutting down; no new runs are accepted")
        }
        if job.overlap == .skip, await scheduler.isRunning(job: job.name) {
            throw APIError(.conflict, "job \(job.name) is running and its overlap policy is skip; try again when it finishes")
        }
        guard triggers.submit(job: job.name, retrain: retrain) else {
            throw APIError(.unavailable, "the server is shutting down; no new runs are accepted")
        }
        logger.info("manual run accepted", metadata: ["job": "\(job.name)", "retrain": "\(retrain.map { "\($0)" } ?? "job default")"])
        let view = TriggerView(job: job.name, retrain: retrain ?? job.retrain, status: "accepted",
                               acceptedAt: UTCFormat.iso8601(now()), runsLink: "/api/runs?job=\(job.name)")
        return .accepted(.init(body: .json(try WireBridge.convert(view))))
    }

    func scheduleList() async throws -> ScheduleListView {
        try await ScheduleListView.build(scheduler: scheduler, nextSlotCount: Self.nextSlotCount)
    }

    private func setEnabled(job name: String, enabled: Bool) throws -> Components.Schemas.ScheduleSwitch {
        let job = try knownJob(name)
        try scheduler.setEnabled(job: job.name, enabled: enabled)
        logger.info("job switched through the API", metadata: ["job": "\(job.name)", "enabled": "\(enabled)"])
        return try WireBridge.convert(ScheduleSwitchView(job: job.name, operatorEnabled: enabled, configuredEnabled: job.enabled))
    }

    private func knownJob(_ name: String) throws(APIError) -> JobSettings {
        guard let job = scheduler.schedulingSettings.job(named: name) else {
            let known = scheduler.schedulingSettings.jobs.map(\.name).joined(separator: ", ")
            throw APIError(.notFound, "no job named \"\(name)\"; configured jobs: \(known)", parameter: "job")
        }
        return job
    }
}
