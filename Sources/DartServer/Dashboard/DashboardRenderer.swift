import DartRuns
import DartCore
import DartReports
import DartScheduler

/// Renders `GET /`. The monitoring dashboard plugs in here; until it is wired the server
/// uses `RecentActivityPage`.
public protocol DashboardRenderer: Sendable {
    /// A complete HTML page; `point` is the `?point=` the viewer picked for the forecast chart.
    func render(point: String?) async throws -> String
}

/// A plain page with the schedules and the most recent runs, from the live stores.
public struct RecentActivityPage: DashboardRenderer {
    let runStore: RunStore
    let schedules: @Sendable () async throws -> ScheduleListView
    let runCount: Int

    public init(runStore: RunStore, schedules: @escaping @Sendable () async throws -> ScheduleListView, runCount: Int = 25) {
        self.runStore = runStore
        self.schedules = schedules
        self.runCount = runCount
    }

    public func render(point: String?) async throws -> String {
        let list = try await schedules()
        let scheduleRows = list.schedules.map { schedule in
            [schedule.job, schedule.enabled ? "on" : "off", schedule.expression, schedule.product,
             schedule.running ? "running" : "", schedule.lastSlot?.local ?? "–", schedule.nextSlots.first?.local ?? "–"]
        }
        let runRows = try runStore.runs(limit: runCount).map { run in
            [run.runID, run.job, UTCFormat.iso8601(run.slotUTC), run.status.rawValue,
             run.durationSeconds.map { "\(Int($0)) s" } ?? "–", "\(run.rowCounts["predictions"] ?? 0)", run.error ?? ""]
        }
        let body = """
            <h1>dartcast</h1>
            <h2>Schedules (\(HTML.escape(list.timezone)))</h2>
            \(HTML.table(header: ["job", "enabled", "schedule", "product", "state", "last slot", "next slot"], rows: scheduleRows, id: "schedules"))
            <h2>Recent runs</h2>
            \(runRows.isEmpty ? "<p>No runs yet.</p>" : HTML.table(header: ["run", "job", "slot (UTC)", "status", "duration", "rows", "error"], rows: runRows, id: "runs"))
            <p><a href="/api/runs">/api/runs</a> · <a href="/api/schedules">/api/schedules</a> · <a href="/metrics">/metrics</a> · <a href="/openapi.json">/openapi.json</a></p>
            """
        return HTML.page(title: "dartcast", body: body, refreshSeconds: 60)
    }
}
