import DartCore
import DartModels

/// Everything `backtest.json` adds beyond the overall scores: where the skill is (horizon, DAM
/// known or not, month, market regime), whether it is significant (Diebold–Mariano), what it is
/// worth to a trader (sign strategy) and whether the bands mean what they say (calibration).
public struct BacktestEvaluation: Codable, Sendable {
    public struct ModelSlice: Codable, Sendable {
        public var model: String
        public var metrics: SliceMetrics
    }

    /// A labelled group of rows scored for several models.
    public struct Slice: Codable, Sendable {
        public var label: String
        /// Rows in the group with a known actual; 0 means "no rows".
        public var rows: Int
        public var models: [ModelSlice]
    }

    /// Scores of the rows whose target operating day is before, and on or after, a regime date.
    public struct RegimeSplit: Codable, Sendable {
        public var date: String
        public var before: Slice
        public var onOrAfter: Slice
    }

    public struct Comparison: Codable, Sendable {
        public var model: String
        public var reference: String
        /// Rows behind the daily series (actual known).
        public var rows: Int
        public var test: DieboldMariano.Result
    }

    /// Diebold–Mariano tests of the best model, and how they were set up.
    public struct DieboldMarianoSection: Codable, Sendable {
        public var loss = "absolute error"
        public var aggregation = "mean loss differential (model − reference) per target operating day"
        public var variance = "Newey–West (Bartlett kernel), lag max(7, ceil(n^(1/3))) days, below n"
        public var pValue = "two-sided, standard normal"
        public var comparisons: [Comparison]
    }

    public struct ModelCalibration: Codable, Sendable {
        public var model: String
        public var calibration: QuantileCalibration
    }

    public static let damKnownLabel = "DAM known at issue"
    public static let damUnknownLabel = "DAM not yet known"

    /// Every model, in report order (ensemble, trained by MAE, baselines by MAE).
    public var horizonBuckets: [Slice]
    public var damKnown: [Slice]
    /// The models of the monthly and regime tables: best, ensemble, trailing median, zero.
    public var featuredModels: [String]
    public var months: [Slice]
    public var regimes: [RegimeSplit]
    public var trading: TradingView
    public var dieboldMariano: DieboldMarianoSection
    /// Models with a P10–P90 band.
    public var calibration: [ModelCalibration]
    public var notes: [String]

    /// Builds the evaluation from the backtest's aligned forecasts.
    /// - Throws: `PipelineError.configuration` when a regime date is not YYYY-MM-DD;
    ///   `MetricsError.lengthMismatch` when the forecasts' row arrays are not aligned.
    public static func evaluate(_ f: WalkForwardBacktest.Forecasts, result: BacktestResult) throws -> BacktestEvaluation {
        try checkAligned(f)
        let config = result.configuration
        let regimeDays = try config.regimeDays()
        let ordered = result.models.sorted { BacktestReport.order($0) < BacktestReport.order($1) }.filter { f.byModel[$0.name] != nil }
        let scorer = SliceScorer(f, models: ordered.map(\.name))
        let names = ordered.map(\.name)
        let featured = featuredModels(best: result.best, available: names)

        let leads = f.actual.indices.map { HorizonBuckets.lead(issueUTC: f.issueUTC[$0], targetUTC: f.targetUTC[$0]) }
        let horizon = HorizonBuckets.buckets(product: config.product, leads: leads).map { bucket in
            scorer.slice(bucket.label, f.actual.indices.filter { bucket.leads.contains(leads[$0]) }, names)
        }
        let dam = [(damKnownLabel, true), (damUnknownLabel, false)].map { label, known in
            scorer.slice(label, f.actual.indices.filter { f.damKnown[$0] == known }, names)
        }
        var monthRows: [String: [Int]] = [:]
        for (row, label) in dayLabels(f.operatingDays).enumerated() { monthRows[String(label.prefix(7)), default: []].append(row) }
        let months = monthRows.keys.sorted().map { scorer.slice($0, monthRows[$0]!, featured) }

        var notes: [String] = []
        var regimes: [RegimeSplit] = []
        for day in regimeDays {
            // Inside the window, or bordering it (the first day, or the day after the last).
            guard config.from <= day, day <= config.to.adding(days: 1) else {
                notes.append("Regime date \(day) is outside the window \(config.from) … \(config.to): no split.")
                continue
            }
            regimes.append(RegimeSplit(date: day.description,
                                       before: scorer.slice("before \(day)", f.actual.indices.filter { f.operatingDays[$0] < day }, featured),
                                       onOrAfter: scorer.slice("on/after \(day)", f.actual.indices.filter { f.operatingDays[$0] >= day }, featured)))
        }
        if config.product == .dayahead {
            notes.append("Day-ahead: every row comes from the 05:00 CT D−1 run, so the horizon table has one bucket, and the target's DAM price is never known at issue (bids close 10:00 CT D−1).")
        }
        let comparisons = dieboldMarianoComparisons(f, p50: scorer.p50, best: result.best, notes: &notes)
        let calibration = names.compactMap { name -> ModelCalibration? in
            guard let observed = QuantileCalibration.observe(actual: f.actual, forecast: f.byModel[name]!), observed.rows > 0 else { return nil }
            return ModelCalibration(model: name, calibration: observed)
        }
        return BacktestEvaluation(
            horizonBuckets: horizon, damKnown: dam, featuredModels: featured, months: months, regimes: regimes,
            trading: TradingView.make(product: config.product, actual: f.actual, forecasts: ordered.map { ($0.name, $0.kind, scorer.p50[$0.name]!) }),
            dieboldMariano: DieboldMarianoSection(comparisons: comparisons), calibration: calibration, notes: notes)
    }

    /// The best model against zero and the trailing median, on daily mean loss differentials.
    static func dieboldMarianoComparisons(_ f: WalkForwardBacktest.Forecasts, p50: [String: [Float]], best: String,
                                          notes: inout [String]) -> [Comparison] {
        let days = f.operatingDays.map(\.daysSinceEpoch)
        var out: [Comparison] = []
        for reference in ["zero", "trailing_median"] {
            guard let model = p50[best], let other = p50[reference] else {
                notes.append("Diebold–Mariano against \(reference): no \(reference) forecast in this backtest.")
                continue
            }
            let series = DieboldMariano.groupedAbsoluteLossDifferentials(actual: f.actual, model: model, reference: other, group: days)
            out.append(Comparison(model: best, reference: reference, rows: series.rows, test: DieboldMariano.test(series.differentials)))
        }
        return out
    }

    /// Scores slices of rows, with each model's P50 masked as the overall table scores it: a row
    /// the model could not forecast counts as a zero forecast.
    struct SliceScorer {
        let actual: [Float]
        let p50: [String: [Float]]

        init(_ f: WalkForwardBacktest.Forecasts, models: [String]) {
            actual = f.actual
            var masked: [String: [Float]] = [:]
            for name in models { masked[name] = WalkForwardBacktest.maskMissing(f.byModel[name]!, actual: f.actual).p50 }
            p50 = masked
        }

        func slice(_ label: String, _ rows: [Int], _ models: [String]) -> Slice {
            let scored = models.map { ModelSlice(model: $0, metrics: .score(actual: actual, forecast: p50[$0]!, indices: rows)) }
            return Slice(label: label, rows: rows.reduce(0) { $0 + (actual[$1].isFinite ? 1 : 0) }, models: scored)
        }
    }

    /// - Throws: `MetricsError.lengthMismatch` when a row label array is not as long as `actual`.
    static func checkAligned(_ f: WalkForwardBacktest.Forecasts) throws(MetricsError) {
        let lengths = [("targetUTC", f.targetUTC.count), ("issueUTC", f.issueUTC.count), ("points", f.points.count),
                       ("hourEndings", f.hourEndings.count),
                       ("operatingDays", f.operatingDays.count), ("damKnown", f.damKnown.count)]
        for (field, count) in lengths where count != f.actual.count {
            throw MetricsError(.lengthMismatch, field: field,
                               "Forecasts.\(field) has \(count) rows but actual has \(f.actual.count); append every frame column for each period")
        }
    }

    /// `YYYY-MM-DD` of each row, formatted once per distinct day (an hourly backtest has millions of rows).
    static func dayLabels(_ days: [OperatingDay]) -> [String] {
        var cache: [OperatingDay: String] = [:]
        return days.map { day in
            if let label = cache[day] { return label }
            let label = day.description
            cache[day] = label
            return label
        }
    }

    /// Best, ensemble, trailing median and zero, each once, in that order, when present.
    static func featuredModels(best: String, available: [String]) -> [String] {
        var out: [String] = []
        for name in [best, "ensemble", "trailing_median", "zero"] where available.contains(name) && !out.contains(name) { out.append(name) }
        return out
    }
}
