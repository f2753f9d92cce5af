import DartAPI
import Foundation
import Hummingbird

extension APIServer {
    struct Health: Codable {
        var status: String
        var checks: [String: String]
    }

    public func healthz(_ input: Operations.Healthz.Input) async throws -> Operations.Healthz.Output {
        .ok(.init(body: .json(try WireBridge.convert(Health(status: "ok", checks: [:])))))
    }

    public func readyz(_ input: Operations.Readyz.Input) async throws -> Operations.Readyz.Output {
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
        let health: Components.Schemas.Health = try WireBridge.convert(Health(status: ready ? "ready" : "not ready", checks: checks))
        return ready ? .ok(.init(body: .json(health))) : .serviceUnavailable(.init(body: .json(health)))
    }

    /// Prometheus text, not JSON: a plain route (openapi.yaml documents it under the `web` tag).
    func addMetricsRoute(to router: Router<BasicRequestContext>) {
        router.get("/metrics") { _, context in
            Responses.text(await metrics.page(logger: context.logger), contentType: MetricsEndpoint.contentType)
        }
    }
}
