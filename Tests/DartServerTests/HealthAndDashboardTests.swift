import DartScheduler
@testable import DartServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct HealthAndDashboardTests {
    @Test func readyOnlyOnceTheSchedulerRunsAndNotWhileDraining() async throws {
        let fixture = try ServerFixture()
        try await fixture.application().test(.router) { client in
            try await client.execute(uri: "/healthz", method: .get) { #expect($0.status == .ok) }
            try await client.execute(uri: "/readyz", method: .get) { response throws in
                #expect(response.status == .serviceUnavailable)
                #expect(response.text.contains("not started"))
            }
            fixture.state.observe(.sleeping(untilUTC: nil))
            try await client.execute(uri: "/readyz", method: .get) { #expect($0.status == .ok) }
            fixture.state.markDraining()
            try await client.execute(uri: "/readyz", method: .get) { #expect($0.status == .serviceUnavailable) }
            try await client.execute(uri: "/api/jobs/hourly_predict/trigger", method: .post,
                                     headers: ServerFixture.bearer(ServerFixture.token)) { #expect($0.status == .serviceUnavailable) }
        }
    }

    @Test func schedulesShowNextSlotsInLocalTimeWithZoneAbbreviationAndUTC() async throws {
        let fixture = try ServerFixture()
        try await fixture.application().test(.router) { client in
            try await client.execute(uri: "/api/schedules", method: .get) { response throws in
                let list = try response.json(ScheduleListView.self)
                #expect(list.timezone == "America/Chicago")
                // The default jobs, ercot_fetch included (off until sources.ercot is configured).
                #expect(Set(list.schedules.map(\.job)) == ["daily_retrain", "hourly_predict", "ercot_fetch"])
                let hourly = try #require(list.schedules.first { $0.job == "hourly_predict" })
                #expect(hourly.nextSlots.count == 5)
                for slot in hourly.nextSlots {
                    #expect(slot.local.hasSuffix(" CDT") || slot.local.hasSuffix(" CST"))
                    #expect(slot.utc.hasSuffix(":05:00Z"))
                }
            }
        }
    }

    @Test func dashboardListsRecentRunsAndSchedules() async throws {
        let fixture = try ServerFixture()
        let runs = try fixture.seedRuns(job: "hourly_predict", count: 3)
        try await fixture.application().test(.router) { client in
            try await client.execute(uri: "/", method: .get) { response throws in
                #expect(response.headers[.contentType]?.hasPrefix("text/html") == true)
                for run in runs { #expect(response.text.contains(run.runID)) }
                #expect(response.text.contains("daily_retrain"))
            }
        }
    }

    @Test func dashboardHookReplacesThePage() async throws {
        struct Fixed: DashboardRenderer { func render(point: String?) async throws -> String { "<html>monitoring \(point ?? "all")</html>" } }
        let fixture = try ServerFixture()
        let api = try APIServer(workspace: fixture.workspace, scheduler: fixture.scheduler, runStore: fixture.runStore,
                                authorization: BearerAuthorization(token: nil, environmentVariable: "DARTCAST_API_TOKEN"),
                                triggers: ManualTriggers(scheduler: fixture.scheduler, logger: fixture.workspace.logger),
                                state: fixture.state, dashboard: Fixed(), now: { 0 })
        try await Application(router: api.router()).test(.router) { client in
            try await client.execute(uri: "/", method: .get) { #expect($0.text == "<html>monitoring all</html>") }
            try await client.execute(uri: "/?point=HB_WEST", method: .get) { #expect($0.text == "<html>monitoring HB_WEST</html>") }
        }
    }
}
