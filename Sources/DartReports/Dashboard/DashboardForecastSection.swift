import DartCore
import Foundation

/// The forecasts of the snapshot, each with the selected point large (P50 line over the
/// P10–P90 band, realized DART dashed where known); then the first forecast's other points as
/// small multiples linking to `?point=NAME`.
enum DashboardForecastSection {
    static let realizedColor = "#1b1f24"
    static let p50Color = "#0969da"

    static func render(_ snapshot: DashboardSnapshot) -> String {
        var html = "<section id=\"forecast\"><h2>Latest forecasts</h2>"
        if snapshot.forecasts.isEmpty {
            html += "<p class=\"muted\" id=\"forecast-empty\">No forecast published yet (`dartcast run`).</p>"
        }
        var selectedPoint: String?
        for (index, forecast) in snapshot.forecasts.enumerated() {
            let selected = forecast.points.first { $0.point == snapshot.selectedPoint } ?? forecast.points.first
            if index == 0 { selectedPoint = selected?.point }
            html += "<h3>\(HTML.escape(forecast.caption)): \(HTML.escape(forecast.product)) · issued \(HTML.escape(UTCFormat.iso8601(forecast.issueUTC))) · \(HTML.escape(forecast.model))</h3>"
            html += "<div class=\"points\">Point: " + forecast.points.map { point in
                "<a href=\"?point=\(query(point.point))\"\(point.point == selected?.point ? " class=\"selected\"" : "")>\(HTML.escape(point.point))</a>"
            }.joined() + "</div>"
            if let selected {
                let id = index == 0 ? "forecast-chart" : "forecast-chart-\(index + 1)"
                html += chart(selected, title: "\(selected.point): DART forecast ($/MWh)", width: 1100, height: 320, id: id)
            }
        }
        // Every other point of the first (latest) forecast, small; a click shows it large.
        if let first = snapshot.forecasts.first {
            let others = first.points.filter { $0.point != selectedPoint }
            if !others.isEmpty {
                html += "<h3>Other points: \(HTML.escape(first.caption.lowercased())) \(HTML.escape(first.product)) forecast</h3><div class=\"multiples\">"
                    + others.map { point in
                        "<a href=\"?point=\(query(point.point))\" title=\"show \(HTML.escape(point.point))\">"
                            + chart(point, title: point.point, width: 268, height: 170, id: nil) + "</a>"
                    }.joined() + "</div>"
            }
        }
        return html + "</section>"
    }

    /// One point's chart; x is the hour index so labels are the loader's (local) hour labels.
    static func chart(_ point: DashboardSnapshot.PointForecast, title: String, width: Double, height: Double, id: String?) -> String {
        let hours = point.hours
        let x = hours.indices.map { Double($0) + 0.5 }
        // Small charts label every sixth hour so the labels do not collide.
        let labels = hours.enumerated().map { width < 400 && $0.offset % 6 != 0 ? "" : $0.element.label }
        let chart = SVGChart(title: title, yLabel: "$/MWh", xAxis: .categories(labels), width: width, height: height)
        var series = [SVGChart.Series(name: "P50", points: zip(x, hours.map(\.p50)).map { (x: $0, y: $1) }, color: p50Color)]
        if hours.contains(where: { $0.realized != nil }) {
            series.append(SVGChart.Series(name: "realized", points: zip(x, hours.map { $0.realized ?? .nan }).map { (x: $0, y: $1) },
                                          color: realizedColor, dashed: true))
        }
        var bands: [SVGChart.Band] = []
        if hours.contains(where: { $0.p10 != nil && $0.p90 != nil }) {
            bands.append(SVGChart.Band(name: "P10–P90", x: x, lower: hours.map { $0.p10 ?? .nan }, upper: hours.map { $0.p90 ?? .nan }))
        }
        var svg = chart.lines(series, bands: bands)
        if let id, svg.hasPrefix("<svg ") { svg = "<svg id=\"\(id)\" " + svg.dropFirst(5) }
        return "<div class=\"card\">\(svg)</div>"
    }

    static func query(_ text: String) -> String {
        HTML.escape(text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-_."))) ?? text)
    }
}
