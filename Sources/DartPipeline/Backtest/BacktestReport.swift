import DartCore
import DartModels
import DartReports
import Foundation

/// Renders a backtest as a printed table, `backtest.json` and a self-contained HTML page.
public enum BacktestReport {
    /// The console table: one line per model, best first among trained models.
    public static func table(_ result: BacktestResult) -> String {
        func f(_ value: Double?, _ digits: Int = 2) -> String { value.map { String(format: "%.\(digits)f", $0) } ?? "–" }
        func pct(_ value: Double?) -> String { value.map { String(format: "%.1f%%", $0 * 100) } ?? "–" }
        let header = ["model", "kind", "MAE", "RMSE", "MedAE", "rMAE/zero", "rMAE/naive", "MAE<P99", "sign acc", "majority", "pinball50", "P10–P90 cov"]
        var rows: [[String]] = []
        for score in result.models.sorted(by: { order($0) < order($1) }) {
            let m = score.report.overall
            rows.append([score.name + (score.name == result.best ? " *" : ""), score.kind.rawValue, f(m.mae), f(m.rmse), f(m.medianAbsoluteError),
                         f(m.relativeMAEVsZero, 3), f(m.relativeMAEVsBestNaive, 3), f(m.maeExcludingTail), pct(m.signAccuracy),
                         pct(m.majorityClassRate), f(m.pinball50), pct(m.coverage10to90)])
        }
        let widths = header.indices.map { column in ([header[column]] + rows.map { $0[column] }).map(\.count).max() ?? 0 }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { index, cell in
                index < 2 ? cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
                          : String(repeating: " ", count: widths[index] - cell.count) + cell
            }.joined(separator: "  ")
        }
        var out = [line(header), widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")] + rows.map(line)
        let bestMAE = result.score(result.best)?.report.overall.mae
        out.append("")
        out.append("best: \(result.best) (MAE \(f(bestMAE))); beats zero: \(result.bestBeatsZero ? "yes" : "NO"); beats every naive baseline: \(result.bestBeatsEveryNaive ? "yes" : "NO")")
        let t = result.timings
        out.append(String(format: "wall time %.1f s (features %.1f s, fitting %.1f s, predicting %.1f s); feature building %.0f rows/s over %d rows",
                          t.totalSeconds, t.featureSeconds, t.fitSeconds, t.predictSeconds, t.featureRowsPerSecond, t.featureRows))
        return out.joined(separator: "\n")
    }

    static func order(_ score: BacktestResult.ModelScore) -> (Int, Double) {
        let kindOrder = switch score.kind { case .ensemble: 0; case .trained: 1; case .baseline: 2 }
        return (kindOrder, score.report.overall.mae ?? .infinity)
    }

    public static func json(_ result: BacktestResult) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try encoder.encode(result)
    }

    /// A self-contained page: summary table, MAE by HE, MAE by point, predicted vs actual over
    /// time, and cumulative error against the zero forecast.
    public static func html(_ result: BacktestResult, forecasts: WalkForwardBacktest.Forecasts) -> String {
        let config = result.configuration
        let bestNaive = result.models.filter { BaselineSet.naiveNames.contains($0.name) }
            .min { ($0.report.overall.mae ?? .infinity) < ($1.report.overall.mae ?? .infinity) }?.name ?? "naive_d1"
        let trained = result.models.filter { $0.kind != .baseline }.map(\.name)
        let featured = Array(Set([result.best, "zero", bestNaive] + (trained.contains("ensemble") ? ["ensemble"] : []))).sorted()

        var body = "<h1>dartcast backtest: \(HTML.escape(config.product.rawValue)), \(config.from) … \(config.to), refit \(config.refit.rawValue)</h1>"
        body += "<p class=\"muted\">Generated \(HTML.escape(result.generatedAtUTC)). Walk-forward: each refit trains only on rows whose DART was known at the period's first issue time; features are as-of each issue time. Best model: <b>\(HTML.escape(result.best))</b>; beats zero: <span class=\"\(result.bestBeatsZero ? "ok" : "bad")\">\(result.bestBeatsZero ? "yes" : "no")</span>; beats every naive baseline: <span class=\"\(result.bestBeatsEveryNaive ? "ok" : "bad")\">\(result.bestBeatsEveryNaive ? "yes" : "no")</span>.</p>"
        body += "<h2>Scores</h2><pre>\(HTML.escape(table(result)))</pre>"

        // MAE by HE.
        let hourSeries: [SVGChart.Series] = featured.compactMap { name in
            guard let report = result.score(name)?.report else { return nil }
            return SVGChart.Series(name: name, points: report.byHourEnding.map { (Double($0.hourEnding), $0.metrics.mae ?? .nan) })
        }
        // MAE by point.
        let pointNames = result.score(result.best)?.report.byPoint.map(\.point) ?? []
        let pointSeries: [(name: String, values: [Double])] = featured.compactMap { name in
            guard let report = result.score(name)?.report else { return nil }
            let byPoint = Dictionary(uniqueKeysWithValues: report.byPoint.map { ($0.point, $0.metrics.mae ?? .nan) })
            return (name, pointNames.map { byPoint[$0] ?? .nan })
        }
        body += "<div class=\"grid\"><div class=\"card\">"
        body += SVGChart(title: "MAE by hour ending ($/MWh)", yLabel: "MAE").lines(hourSeries)
        body += "</div><div class=\"card\">"
        body += SVGChart(title: "MAE by settlement point ($/MWh)", yLabel: "MAE", width: 760).bars(categories: pointNames, series: pointSeries)
        body += "</div></div>"

        // Predicted vs actual: daily means across points, with the band.
        let daily = dailyMeans(forecasts, model: result.best)
        body += "<div class=\"grid\"><div class=\"card\">"
        body += SVGChart(title: "Daily mean DART: actual vs \(result.best) P50 (P10–P90 band)", yLabel: "$/MWh", xAxis: .utcTime, width: 760).lines(
            [.init(name: "actual", points: zip(daily.day, daily.actual).map { ($0, $1) }, color: "#1b1f24"),
             .init(name: "\(result.best) P50", points: zip(daily.day, daily.p50).map { ($0, $1) }, color: "#0969da")],
            bands: daily.p10.isEmpty ? [] : [.init(name: "P10–P90", x: daily.day, lower: daily.p10, upper: daily.p90)])
        body += "</div><div class=\"card\">"
        // Cumulative advantage over zero.
        let cumulative = trained.map { name in SVGChart.Series(name: name, points: cumulativeAdvantage(forecasts, model: name)) }
        body += SVGChart(title: "Cumulative |error| saved vs the zero forecast ($/MWh, above 0 = better)", yLabel: "$/MWh", xAxis: .utcTime, width: 760).lines(cumulative)
        body += "</div></div>"

        if let evaluation = result.evaluation { body += evaluationSections(evaluation) }

        // A median ensemble's 1 / n weights are bookkeeping: name its voters instead.
        let medianEnsemble = result.configuration.ensembleCombination == .median
        body += "<h2>Refits</h2>" + HTML.table(
            header: ["period", "cutoff (UTC)", "train rows", "validation rows", "test rows", "fit seconds",
                     medianEnsemble ? "ensemble (median of)" : "ensemble weights", "band adjustment",
                     "inputs", "failures"],
            rows: result.periods.map { p in
                [ "\(p.from) … \(p.to)", p.cutoffUTC, "\(p.trainRows)", "\(p.validationRows)", "\(p.testRows)",
                  p.fitSeconds.sorted { $0.key < $1.key }.map { "\($0.key) \(String(format: "%.1f", $0.value))" }.joined(separator: ", "),
                  medianEnsemble ? p.ensembleWeights.keys.sorted().joined(separator: ", ")
                      : p.ensembleWeights.sorted { $0.key < $1.key }.map { "\($0.key) \(String(format: "%.2f", $0.value))" }.joined(separator: ", "),
                  p.intervalAdjustments.sorted { $0.key < $1.key }.map { "\($0.key) \(String(format: "%+.1f", $0.value))" }.joined(separator: ", "),
                  inputsNote(p.crossValidation),
                  p.failures.isEmpty ? "none" : p.failures.map { "\($0.key): \($0.value)" }.joined(separator: "; ") ]
            })
        if let report = result.score(result.best)?.report {
            body += "<h2>\(HTML.escape(result.best)) by point</h2>" + HTML.table(
                header: ["point", "MAE", "rMAE/zero", "rMAE/naive", "sign acc", "majority", "P10–P90 coverage"],
                rows: report.byPoint.map { p in
                    [p.point, fmt(p.metrics.mae), fmt(p.metrics.relativeMAEVsZero, 3), fmt(p.metrics.relativeMAEVsBestNaive, 3),
                     pct(p.metrics.signAccuracy), pct(p.metrics.majorityClassRate), pct(p.metrics.coverage10to90)]
                })
        }
        return HTML.page(title: "dartcast backtest \(config.product.rawValue)", body: body)
    }

    /// What a refit did to its inputs: columns left out because they stopped arriving (rule 6) and
    /// training rows each feed was shown missing on (rule 7); "–" without a cross-validation record.
    static func inputsNote(_ crossValidation: CrossValidationSummary?) -> String {
        guard let crossValidation else { return "–" }
        var parts: [String] = []
        if let silenced = crossValidation.silencedColumns, !silenced.isEmpty {
            parts.append("left out (stopped arriving): " + silenced.joined(separator: ", "))
        }
        if let young = crossValidation.youngFeedColumns, !young.isEmpty {
            parts.append("left out (too little history): " + young.joined(separator: ", "))
        }
        if let simulated = crossValidation.simulatedOutageRows, !simulated.isEmpty {
            parts.append("shown missing: " + simulated.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value) rows" }.joined(separator: ", "))
        }
        return parts.isEmpty ? "all, as they arrived" : parts.joined(separator: "; ")
    }

    static func fmt(_ value: Double?, _ digits: Int = 2) -> String { value.map { String(format: "%.\(digits)f", $0) } ?? "–" }
    static func pct(_ value: Double?) -> String { value.map { String(format: "%.1f%%", $0 * 100) } ?? "–" }

    /// Per target day (UTC midnight of the target's operating day as x), mean actual and forecast.
    static func dailyMeans(_ f: WalkForwardBacktest.Forecasts, model: String) -> (day: [Double], actual: [Double], p50: [Double], p10: [Double], p90: [Double]) {
        guard let forecast = f.byModel[model] else { return ([], [], [], [], []) }
        var sums: [Int64: (n: Int, a: Double, p: Double, lo: Double, hi: Double)] = [:]
        for row in f.actual.indices where f.actual[row].isFinite && forecast.p50[row].isFinite {
            let day = f.targetUTC[row] / 86_400 * 86_400
            var s = sums[day] ?? (0, 0, 0, 0, 0)
            s.n += 1
            s.a += Double(f.actual[row])
            s.p += Double(forecast.p50[row])
            s.lo += Double(forecast.p10?[row] ?? .nan)
            s.hi += Double(forecast.p90?[row] ?? .nan)
            sums[day] = s
        }
        let days = sums.keys.sorted()
        let hasBand = forecast.p10 != nil && forecast.p90 != nil
        return (days.map(Double.init), days.map { sums[$0]!.a / Double(sums[$0]!.n) }, days.map { sums[$0]!.p / Double(sums[$0]!.n) },
                hasBand ? days.map { sums[$0]!.lo / Double(sums[$0]!.n) } : [], hasBand ? days.map { sums[$0]!.hi / Double(sums[$0]!.n) } : [])
    }

    /// Running sum over time of |actual| − |actual − forecast|: the error saved against predicting zero.
    static func cumulativeAdvantage(_ f: WalkForwardBacktest.Forecasts, model: String) -> [(x: Double, y: Double)] {
        guard let forecast = f.byModel[model] else { return [] }
        let order = f.actual.indices.filter { f.actual[$0].isFinite && forecast.p50[$0].isFinite }.sorted { f.targetUTC[$0] < f.targetUTC[$1] }
        var total = 0.0
        var points: [(Double, Double)] = []
        var lastDay: Int64 = -1
        for row in order {
            total += abs(Double(f.actual[row])) - abs(Double(f.actual[row] - forecast.p50[row]))
            let day = f.targetUTC[row] / 86_400
            if day != lastDay {
                points.append((Double(f.targetUTC[row]), total))
                lastDay = day
            } else {
                points[points.count - 1].1 = total
            }
        }
        return points
    }
}
