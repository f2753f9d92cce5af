import DartModels
import DartReports

/// The HTML sections of `BacktestEvaluation`: slice tables, trading view, Diebold–Mariano and
/// calibration (table and plot).
extension BacktestReport {
    static func evaluationSections(_ e: BacktestEvaluation) -> String {
        let featured = e.featuredModels
        var body = "<h2>Errors by horizon</h2><p class=\"muted\">Lead = hours from issue to the target hour's start, rounded up (the hourly product's first target, 0.917 h ahead, is in 1–2 h). backtest.json has these tables for every model.</p>"
        body += sliceTable(e.horizonBuckets, models: featured)
        body += "<h2>DAM of the target hour known at issue</h2>" + sliceTable(e.damKnown, models: featured)
        body += "<h2>By target month</h2>" + sliceTable(e.months, models: featured)
        body += "<h2>Before / after market-regime dates</h2>"
        body += e.regimes.isEmpty ? "<p class=\"muted\">No regime date inside or bordering the window (see Notes).</p>"
                                  : sliceTable(e.regimes.flatMap { [$0.before, $0.onOrAfter] }, models: featured)
        body += tradingSection(e.trading)
        body += dieboldMarianoSection(e.dieboldMariano)
        body += calibrationSection(e.calibration)
        if !e.notes.isEmpty {
            body += "<h2>Notes</h2><ul>" + e.notes.map { "<li>\(HTML.escape($0))</li>" }.joined() + "</ul>"
        }
        return body
    }

    /// One row per slice; per model MAE, rMAE vs zero and sign accuracy. An empty slice says "no rows".
    static func sliceTable(_ slices: [BacktestEvaluation.Slice], models: [String]) -> String {
        let header = ["group", "rows"] + models.flatMap { ["\($0) MAE", "\($0) rMAE/zero", "\($0) sign acc"] }
        return HTML.table(header: header, rows: slices.map { slice in
            let byModel = Dictionary(uniqueKeysWithValues: slice.models.map { ($0.model, $0.metrics) })
            return [slice.label, slice.rows == 0 ? "no rows" : "\(slice.rows)"] + models.flatMap { name -> [String] in
                let m = byModel[name]
                return [fmt(m?.mae), fmt(m?.relativeMAEVsZero, 3), pct(m?.signAccuracy)]
            }
        })
    }

    static func tradingSection(_ view: TradingView) -> String {
        var body = "<h2>Trading view: sign strategy (\(HTML.escape(view.product.rawValue)))</h2><p class=\"muted\">\(HTML.escape(view.label)) Long 1 MWh of DART when P50 &gt; threshold, short when P50 &lt; −threshold, flat otherwise. P&amp;L per MWh = mean of position × actual DART over trades; magnitude-weighted hit rate = Σ|actual| on winning trades / Σ|actual| on all trades; share of perfect foresight = total P&amp;L / Σ|actual| over all rows.</p>"
        body += HTML.table(
            header: ["model", "threshold $/MWh", "trades", "long / short", "P&L per MWh", "total P&L", "hit rate", "magnitude-weighted hit", "share of perfect foresight"],
            rows: view.models.flatMap { model in
                model.byThreshold.map { r in
                    [model.model + (model.kind == .baseline ? " (baseline)" : ""), fmt(r.threshold, 0), "\(r.trades)", "\(r.longTrades) / \(r.shortTrades)",
                     fmt(r.pnlPerMWh), fmt(r.totalPnL, 0), pct(r.hitRate), pct(r.magnitudeWeightedHitRate), pct(r.shareOfPerfectForesight)]
                }
            })
        return body
    }

    static func dieboldMarianoSection(_ dm: BacktestEvaluation.DieboldMarianoSection) -> String {
        var body = "<h2>Diebold–Mariano tests</h2><p class=\"muted\">Loss: \(HTML.escape(dm.loss)); series: \(HTML.escape(dm.aggregation)); variance: \(HTML.escape(dm.variance)); p-value: \(HTML.escape(dm.pValue)). A negative statistic means the model's loss is lower.</p>"
        body += HTML.table(
            header: ["model", "reference", "days (n)", "rows", "lag", "mean differential $/MWh", "DM statistic", "p-value"],
            rows: dm.comparisons.map { c in
                [c.model, c.reference, "\(c.test.n)", "\(c.rows)", "\(c.test.lag)", fmt(c.test.meanDifferential, 3), fmt(c.test.statistic), fmt(c.test.pValue, 4)]
            })
        return body
    }

    static func calibrationSection(_ models: [BacktestEvaluation.ModelCalibration]) -> String {
        var body = "<h2>Calibration of the quantiles</h2>"
        guard !models.isEmpty else { return body + "<p class=\"muted\">No model has a P10–P90 band.</p>" }
        body += HTML.table(header: ["model", "rows", "below P10 (nominal 10%)", "below P50 (50%)", "below P90 (90%)"],
                           rows: models.map { [$0.model, "\($0.calibration.rows)", pct($0.calibration.belowP10),
                                               pct($0.calibration.belowP50), pct($0.calibration.belowP90)] })
        let nominal = QuantileCalibration.nominal
        var series = models.map { model in
            SVGChart.Series(name: model.model, points: zip(nominal, model.calibration.observed).map { ($0, $1 ?? .nan) })
        }
        series.append(SVGChart.Series(name: "ideal", points: nominal.map { ($0, $0) }, color: "#57606a", dashed: true))
        body += "<div class=\"card\">" + SVGChart(title: "Share of actuals below each quantile: observed vs nominal", yLabel: "observed share").lines(series) + "</div>"
        return body
    }
}
