import DartConfig
import DartCore
import DartScheduler
import Hummingbird

extension APIServer {
    /// Upcoming slots listed per job.
    static let nextSlotCount = 5

    func addScheduleRoutes(to router: Router<BasicRequestContext>) {
        router.get("/api/schedules") { _, _ in try Responses.json(try await scheduleList()) }
        router.post("/api/schedules/:job/enable") { request, context in
            try await setEnabled(request, context, enabled: true)
        }
        router.post("/api/schedules/:job/disable") { request, context in
            try await setEnabled(request, context, enabled: false)
        }
        router.post("/api/jobs/:job/trigger") { request, context in
            try authorization.check(request)
            let job = try knownJob(context)
            let query = QueryParameters(request: request)
            let retrain: Bool? = query.string("retrain") == nil ? nil : try query.bool("retrain", default: false)
            if job.overlap == .skip, await scheduler.isRunning(job: job.name) {
                throw APIError(.conflict, "job \(job.name) is running and its overlap policy is skip; try again when it finishes")
            }
            guard !state.isDraining, triggers.submit(job: job.name, retrain: retrain) else {
                throw APIError(.unavailable, "the server is shutting down; no new runs are accepted")
            }
            context.logger.info("manual run accepted", metadata: ["job": "\(job.name)", "retrain": "\(retrain.map { "\($0)" } ?? "job default")"])
            let view = TriggerView(job: job.name, retrain: retrain ?? job.retrain, status: "accepted",
                                   acceptedAt: UTCFormat.iso8601(now()), runsLink: "/api/runs?job=\(job.name)")
            return try Responses.json(view, status: .accepted)
        }
    }

    func scheduleList() async throws -> ScheduleListView {
        try await ScheduleListView.build(scheduler: scheduler, nextSlotCount: Self.nextSlotCount)
    }

    private func setEnabled(_ request: Request, _ context: BasicRequestContext, enabled: Bool) async throws -> Response {
        try authorization.check(request)
        let job = try knownJob(context)
        try scheduler.setEnabled(job: job.name, enabled: enabled)
        context.logger.info("job switched through the API", metadata: ["job": "\(job.name)", "enabled": "\(enabled)"])
        return try Responses.json(ScheduleSwitchView(job: job.name, operatorEnabled: enabled, configuredEnabled: job.enabled))
    }

    private func knownJob(_ context: BasicRequestContext) throws(APIError) -> JobSettings {
        let name = context.parameters.get("job") ?? ""
        guard let job = scheduler.schedulingSettings.job(named: name) else {
            let known = scheduler.schedulingSettings.jobs.map(\.name).joined(separator: ", ")
            throw APIError(.notFound, "no job named \"\(name)\"; configured jobs: \(known)", parameter: "job")
        }
        return job
    }
}
