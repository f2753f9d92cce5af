import DartCore
import Foundation

/// The operations dashboard as one self-contained HTML page: inline CSS and SVG, no scripts,
/// fonts or external files, every text escaped. Pure: the same snapshot gives the same page.
///
/// Stable element ids (tests and links rely on them): `schedules`, `runs-table`, `forecast`,
/// `forecast-chart` (the selected point's `<svg>` of the first forecast), `models`, `scores`,
/// `drift`, `alerts`, `deliveries`.
public enum DashboardPage {
    public static func render(_ snapshot: DashboardSnapshot) -> String {
        var body = "<style>\(DashboardStyle.css)</style>"
        body += "<header><h1>dartcast</h1><span class=\"muted\">ERCOT DART spread (DA − RT) · generated \(HTML.escape(snapshot.generatedAtLocal)) (\(HTML.escape(UTCFormat.iso8601(snapshot.generatedAtUTC)))) · times in \(HTML.escape(snapshot.timeZone)) and UTC</span></header>"
        body += summary(snapshot)
        if !snapshot.problems.isEmpty {
            body += "<div class=\"problems\" id=\"problems\"><strong>Some sections could not be loaded:</strong><ul>"
                + snapshot.problems.map { "<li>\(HTML.escape($0))</li>" }.joined() + "</ul></div>"
        }
        body += alerts(snapshot) + runs(snapshot) + schedules(snapshot) + deliveries(snapshot)
        body += DashboardForecastSection.render(snapshot)
        body += models(snapshot)
        return HTML.page(title: "dartcast dashboard", body: body, refreshSeconds: snapshot.refreshSeconds)
    }

    // MARK: Sections

    static func summary(_ snapshot: DashboardSnapshot) -> String {
        let lastRun = snapshot.runs.first
        let failedRecent = snapshot.runs.prefix(24).filter { $0.status == "failed" || $0.status == "interrupted" }.count
        var cards: [(String, String, String)] = [
            ("Last run", lastRun.map { badge($0.status) + " <span class=\"muted\">\(HTML.escape($0.job))</span>" } ?? "<span class=\"muted\">none yet</span>", ""),
            ("Failed of last \(min(24, snapshot.runs.count)) runs", "\(failedRecent)", failedRecent > 0 ? "bad" : "ok"),
            ("Open alerts", "\(snapshot.alerts.count)", snapshot.alerts.isEmpty ? "ok" : "bad"),
            ("Pending deliveries", "\(snapshot.pendingDeliveries.count)", snapshot.pendingDeliveries.isEmpty ? "ok" : "warn"),
        ]
        let degradedRecent = snapshot.runs.prefix(24).filter { $0.status == "degraded" }.count
        if degradedRecent > 0 {
            cards.insert(("Degraded of last \(min(24, snapshot.runs.count)) runs", "\(degradedRecent)", "warn"), at: 2)
        }
        if let next = snapshot.schedules.filter(\.active).compactMap({ job in job.nextRuns.first.map { (job.job, $0) } })
            .min(by: { $0.1.utc < $1.1.utc }) {
            cards.append(("Next run", "\(HTML.escape(next.0))<br><span class=\"muted\">\(HTML.escape(next.1.local))</span>", ""))
        }
        return "<div class=\"cards\" id=\"summary\">" + cards.map { title, value, tone in
            "<div class=\"card\"><div class=\"muted\">\(HTML.escape(title))</div><div class=\"big \(tone)\">\(value)</div></div>"
        }.joined() + "</div>"
    }

    static func schedules(_ snapshot: DashboardSnapshot) -> String {
        let rows = snapshot.schedules.map { job -> [String] in
            let state = job.active ? "<span class=\"ok\">active</span>" : "<span class=\"warn\">off</span>"
            let next = job.problem.map { "<span class=\"bad\">\(HTML.escape($0))</span>" }
                ?? job.nextRuns.map(slotCell).joined(separator: "<br>")
            return [HTML.escape(job.job), "<code>\(HTML.escape(job.expression))</code>", HTML.escape(job.product),
                    job.retrain ? "yes" : "no", state, next,
                    job.lastSlot.map(slotCell) ?? "—"]
        }
        return section("Schedules", id: "schedules", table(
            header: ["Job", "Schedule", "Product", "Retrain", "State", "Next runs: local · UTC", "Last slot handled"], rows: rows,
            empty: "No jobs configured (scheduling.jobs)."))
    }

    static func runs(_ snapshot: DashboardSnapshot) -> String {
        let rows = snapshot.runs.map { run -> [String] in
            [badge(run.status), "<code class=\"nowrap\">\(HTML.escape(run.runID))</code>", HTML.escape(run.job), HTML.escape(run.product),
             time(run.startedAtUTC), run.durationSeconds.map(duration) ?? "—",
             run.error.map { "<span class=\"bad small\">\(HTML.escape($0))</span>" } ?? ""]
        }
        return section("Recent runs", id: "runs", table(
            header: ["Status", "Run id", "Job", "Product", "Started (UTC)", "Duration", "Error"], rows: rows, id: "runs-table",
            empty: "No runs recorded yet (`dartcast run` or the scheduler)."))
    }

    static func alerts(_ snapshot: DashboardSnapshot) -> String {
        let rows = snapshot.alerts.map { alert -> [String] in
            ["<span class=\"badge failed\">\(HTML.escape(alert.kind))</span>",
             "<span title=\"\(HTML.escape(alert.message))\">\(HTML.escape(alert.subject))</span>",
             number(alert.value, digits: 3), number(alert.threshold, digits: 3), time(alert.firstSeenUTC),
             alert.notified ? "yes" : "<span class=\"warn\">not sent</span>"]
        }
        return section("Open alerts", id: "alerts", table(
            header: ["Kind", "Subject", "Value", "Threshold", "Since (UTC)", "Notified"], rows: rows,
            id: "alerts-table", empty: "No open alerts."))
    }

    static func deliveries(_ snapshot: DashboardSnapshot) -> String {
        let rows = snapshot.pendingDeliveries.map { delivery -> [String] in
            ["<code class=\"nowrap\">\(HTML.escape(delivery.runID))</code>", HTML.escape(delivery.target), "\(delivery.attempts)",
             time(delivery.updatedAtUTC),
             "<span class=\"bad small\">\(HTML.escape(delivery.lastError ?? ""))</span>"]
        }
        return section("Pending deliveries", id: "deliveries", table(
            header: ["Run id", "Target", "Attempts", "Last try (UTC)", "Last error"], rows: rows, id: "deliveries-table",
            empty: "Nothing pending: every delivery went out."))
    }

    static func models(_ snapshot: DashboardSnapshot) -> String {
        let versionRows = snapshot.models.map { model -> [String] in
            let skill = model.validationMAE.flatMap { mae in model.validationZeroMAE.map { mae / $0 } }
            return ["<span class=\"nowrap\">" + (model.isChampion ? "<span class=\"badge succeeded\" title=\"champion\">★ champion</span> " : "")
                        + HTML.escape(model.family) + "</span>",
                    HTML.escape(model.product), "<code class=\"nowrap\">\(HTML.escape(model.version))</code>",
                    time(model.createdAtUTC),
                    "<span class=\"nowrap\">" + HTML.escape(String(UTCFormat.iso8601(model.trainingFromUTC).prefix(10)) + " … "
                        + String(UTCFormat.iso8601(model.trainingToUTC).prefix(10))) + "</span>",
                    model.validationMAE.map { number($0) } ?? "—", skill.map(skillCell) ?? "—"]
        }
        let scoreRows = snapshot.scores.map { score -> [String] in
            [HTML.escape(score.family), HTML.escape(score.product), "\(score.windowDays) d", HTML.escape(score.endDay), "\(score.rows)",
             number(score.mae), number(score.zeroMAE), score.skill.map(skillCell) ?? "—"]
        }
        let driftRows = snapshot.drift.map { drift -> [String] in
            let psi = drift.psi.map { value -> String in
                let tone = value > snapshot.psiThreshold ? "bad" : (value > 0.1 ? "warn" : "ok")
                return "<span class=\"\(tone)\">\(number(value, digits: 3))</span>"
            } ?? "<span class=\"muted\">no data</span>"
            return [HTML.escape(drift.feature), HTML.escape(drift.product), psi]
        }
        var html = "<section id=\"models\"><h2>Models</h2>"
        html += "<h3>Versions</h3>" + table(header: ["Family", "Product", "Version", "Registered (UTC)", "Training window", "Validation MAE", "Skill vs zero"],
                                            rows: versionRows, id: "models-table", empty: "No model registered yet (`dartcast train`).")
        html += "<h3>Live rolling MAE vs the zero forecast</h3>" + table(
            header: ["Family", "Product", "Window", "Through", "Forecasts", "MAE $/MWh", "Zero MAE", "Skill"], rows: scoreRows,
            id: "scores", empty: "No scored forecasts yet: scores appear once realized prices arrive for forecast hours (`dartcast monitor`).")
        html += "<p class=\"muted small\">Skill = MAE / MAE of forecasting 0 on the same rows; below 1 beats the zero forecast.</p>"
        html += "<h3>Feature drift (PSI)</h3>" + table(header: ["Feature", "Product", "PSI"], rows: driftRows, id: "drift",
                                                        empty: "Drift not computed yet (`dartcast monitor`).")
        html += "<p class=\"muted small\">PSI of recent issues against the champion's training window: &lt; 0.1 stable, 0.1–0.25 moderate, &gt; 0.25 large; alert above \(number(snapshot.psiThreshold)).</p>"
        return html + "</section>"
    }

    // MARK: Pieces

    static func section(_ title: String, id: String, _ content: String) -> String {
        "<section id=\"\(id)\"><h2>\(HTML.escape(title))</h2>\(content)</section>"
    }

    /// A table whose cells are already HTML (callers escape their text).
    static func table(header: [String], rows: [[String]], id: String? = nil, empty: String) -> String {
        var out = "<table\(id.map { " id=\"\($0)\"" } ?? "")><thead><tr>"
            + header.map { "<th class=\"l\">\(HTML.escape($0))</th>" }.joined() + "</tr></thead><tbody>"
        if rows.isEmpty {
            out += "<tr class=\"empty\"><td class=\"l muted\" colspan=\"\(header.count)\">\(HTML.escape(empty))</td></tr>"
        }
        for row in rows { out += "<tr>" + row.map { "<td class=\"l\">\($0)</td>" }.joined() + "</tr>" }
        return out + "</tbody></table>"
    }

    /// A UTC time that does not wrap.
    static func time(_ utc: Int64) -> String { "<span class=\"nowrap\">\(HTML.escape(UTCFormat.iso8601(utc)))</span>" }

    /// Local time, then UTC in grey, on one line.
    static func slotCell(_ slot: DashboardSnapshot.SlotTime) -> String {
        "<span class=\"nowrap\">\(HTML.escape(slot.local)) <span class=\"muted small\">\(HTML.escape(slot.utc))</span></span>"
    }

    static func badge(_ status: String) -> String {
        let known = ["running", "succeeded", "failed", "interrupted", "skipped", "degraded"]
        return "<span class=\"badge \(known.contains(status) ? status : "skipped")\">\(HTML.escape(status))</span>"
    }

    static func skillCell(_ skill: Double) -> String {
        "<span class=\"\(skill < 1 ? "ok" : "bad")\">\(number(skill, digits: 3))</span>"
    }

    static func number(_ value: Double, digits: Int = 2) -> String {
        value.isFinite ? String(format: "%.\(digits)f", value) : "—"
    }

    static func duration(_ seconds: Double) -> String {
        seconds < 60 ? String(format: "%.0f s", seconds) : String(format: "%d min %02d s", Int(seconds) / 60, Int(seconds) % 60)
    }
}
