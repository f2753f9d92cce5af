import Testing
@testable import DartReports

@Suite struct DashboardPageTests {
    static let hour0: Int64 = 1_732_860_000  // 2024-11-29T06:00:00Z

    static func snapshot() -> DashboardSnapshot {
        let hours = (0..<24).map { index in
            DashboardSnapshot.ForecastHour(targetUTC: hour0 + Int64(index) * 3600, label: "HE\(index + 1)", p10: -5, p50: Double(index % 5),
                                           p90: 9, realized: index < 6 ? 2 : nil)
        }
        return DashboardSnapshot(
            generatedAtUTC: hour0 + 86_400, generatedAtLocal: "2024-11-30 00:00 -06:00", timeZone: "America/Chicago",
            schedules: [.init(job: "hourly_predict", expression: "hourly at :05", product: "hourly", retrain: false, active: true,
                              nextRuns: [.init(local: "2024-11-30 00:05 -06:00", utc: "2024-11-30T06:05:00Z")])],
            runs: [.init(runID: "daily_retrain-20241128T1100Z-1", job: "daily_retrain", product: "dayahead", status: "succeeded",
                         startedAtUTC: hour0 - 86_400, durationSeconds: 94),
                   .init(runID: "hourly_predict-20241129T0605Z-1", job: "hourly_predict", product: "hourly", status: "failed",
                         startedAtUTC: hour0, durationSeconds: 3, error: "predict: <script>alert(1)</script>")],
            forecasts: [.init(product: "dayahead", issueUTC: hour0 - 86_400 + 5 * 3600, model: "ensemble v1",
                              points: [.init(point: "HB_NORTH", hours: hours), .init(point: "HB_WEST", hours: hours)])],
            selectedPoint: "HB_WEST",
            models: [.init(family: "lightgbm", product: "dayahead", version: "lightgbm-dayahead-1", createdAtUTC: hour0, isChampion: true,
                           trainingFromUTC: hour0 - 45 * 86_400, trainingToUTC: hour0 - 86_400, validationMAE: 9, validationZeroMAE: 12)],
            scores: [.init(product: "dayahead", family: "ensemble", windowDays: 7, endDay: "2024-11-29", rows: 96, mae: 2, zeroMAE: 2.5)],
            drift: [.init(product: "dayahead", feature: "dam_same_he_d1", psi: 0.31)],
            alerts: [.init(kind: "feature_drift", subject: "dayahead/dam_same_he_d1", value: 0.31, threshold: 0.2, message: "PSI 0.310 above 0.20",
                           firstSeenUTC: hour0, lastSeenUTC: hour0 + 3600, notified: true)],
            pendingDeliveries: [.init(runID: "hourly_predict-20241129T0605Z-1", target: "notify:teams", attempts: 2,
                                      lastError: "teams answered HTTP 503", updatedAtUTC: hour0)])
    }

    @Test func everySectionHasItsStableID() {
        let html = DashboardPage.render(Self.snapshot())
        for id in ["schedules", "runs-table", "forecast-chart", "models", "alerts", "deliveries", "scores", "drift"] {
            #expect(html.contains("id=\"\(id)\""), "missing id \(id)")
        }
        #expect(html.contains("<svg id=\"forecast-chart\""))
        #expect(html.hasPrefix("<!doctype html>"))
    }

    @Test func runsHaveColouredStatusBadgesAndEscapedErrors() {
        let html = DashboardPage.render(Self.snapshot())
        let runs = String(html[html.range(of: "id=\"runs-table\"")!.lowerBound...].prefix(3000))
        #expect(runs.contains("<span class=\"badge succeeded\">succeeded</span>"))
        #expect(runs.contains("<span class=\"badge failed\">failed</span>"))
        #expect(runs.contains("1 min 34 s"))
        #expect(!html.contains("<script>"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    }

    @Test func theSelectedPointIsDrawnLargeWithBandP50AndRealized() {
        let html = DashboardPage.render(Self.snapshot())
        let chart = String(html[html.range(of: "<svg id=\"forecast-chart\"")!.lowerBound...])
        let svg = String(chart[..<chart.range(of: "</svg>")!.upperBound])
        #expect(svg.contains("HB_WEST: DART forecast"))
        #expect(svg.contains("fill-opacity=\"0.25\""))  // the P10–P90 band
        #expect(svg.components(separatedBy: "class=\"series\"").count - 1 == 2)  // P50 and realized
        #expect(svg.contains("stroke-dasharray"))
        #expect(html.contains("<a href=\"?point=HB_NORTH\">HB_NORTH</a>"))
        #expect(html.contains("<a href=\"?point=HB_WEST\" class=\"selected\">HB_WEST</a>"))
    }

    @Test func championSkillAndDriftAreMarked() {
        let html = DashboardPage.render(Self.snapshot())
        #expect(html.contains("★ champion"))
        #expect(html.contains("<span class=\"ok\">0.750</span>"))  // validation 9 / 12
        #expect(html.contains("<span class=\"ok\">0.800</span>"))  // live 2 / 2.5
        #expect(html.contains("<span class=\"bad\">0.310</span>"))  // PSI above the 0.2 threshold
    }

    @Test func anEmptyWorkspaceSaysWhatToDo() {
        let html = DashboardPage.render(DashboardSnapshot(generatedAtUTC: 0, generatedAtLocal: "1969-12-31 18:00 -06:00", timeZone: "America/Chicago",
                                                          problems: ["model registry: <missing>"]))
        #expect(html.contains("No runs recorded yet"))
        #expect(html.contains("No forecast published yet"))
        #expect(html.contains("No open alerts."))
        #expect(html.contains("model registry: &lt;missing&gt;"))
        #expect(!html.contains("<svg id=\"forecast-chart\""))
    }

    @Test func thePageIsSelfContained() {
        let html = DashboardPage.render(Self.snapshot())
        #expect(!html.contains("<script"))
        #expect(!html.contains("http://") || html.components(separatedBy: "http://").dropFirst().allSatisfy { $0.hasPrefix("www.w3.org/2000/svg") })
        #expect(!html.contains("https://"))
        #expect(!html.contains("<link"))
    }
}
