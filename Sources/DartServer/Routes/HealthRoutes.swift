import Foundation
import Hummingbird

extension APIServer {
    struct Health: Codable {
        var status: String
        var checks: [String: String]
    }

    func addHealthRoutes(to router: Router<BasicRequestContext>) {
        router.get("/healthz") { _, _ in try Responses.json(Health(status: "ok", checks: [:])) }
        router.get("/readyz") { _, _ in
            var checks: [String: String] = [:]
            do {
                _ = try statistics.count(job: nil, status: nil)
                checks["run_store"] = "ok"
            } catch {
                checks["run_store"] = "cannot read runs.sqlite"
            }
            checks["scheduler"] = state.isSchedulerStarted ? "ok" : "not started"
            if state.isDraining { checks["drain"] = "draining: finishing running jobs before exit" }
            let ready = checks["run_store"] == "ok" && checks["scheduler"] == "ok" && !state.isDraining
            return try Responses.json(Health(status: ready ? "ready" : "not ready", checks: checks),
                                      status: ready ? .ok : .serviceUnavailable)
        }
        router.get("/metrics") { _, context in
            Responses.text(await metrics.page(logger: context.logger), contentType: MetricsEndpoint.contentType)
        }
    }
}
