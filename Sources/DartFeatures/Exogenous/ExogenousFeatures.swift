import DartCore

/// Exogenous features of a target hour: configured forecast series from their latest posting
/// strictly before the issue, and lagged actual load. NaN when no such posting exists, never 0.
struct ExogenousFeatures {
    static let loadActualName = "load_actual_same_he_latest"

    let forecastNames: [String]
    private let forecasts: [ExogenousSeries?]
    private let loadActual: ExogenousSeries?

    var names: [String] { forecastNames + [Self.loadActualName] }
    var width: Int { forecastNames.count + 1 }

    init(history: MarketHistory, forecastNames: [String], loadActualName: String) {
        self.forecastNames = forecastNames
        forecasts = forecastNames.map { history.exogenous[$0] }
        loadActual = history.exogenous[loadActualName]
    }

    /// Forecast values for the target hour itself; actual load at the target's HE on the most
    /// recent of T−1 … T−`searchDays` with a posting before the issue (never the target hour's
    /// own actual, which is known only after the hour).
    func write(issueUTC: Int64, target: MarketHour, searchDays: Int, days: DayHourTable,
               to out: UnsafeMutablePointer<Float>) {
        for (k, series) in forecasts.enumerated() {
            out[k] = series?.latestValue(for: target.utcStart, postedBefore: issueUTC).map(Float.init) ?? .nan
        }
        out[forecasts.count] = .nan
        guard let loadActual else { return }
        let targetDay = target.operatingDay.daysSinceEpoch
        for back in 1...max(searchDays, 1) {
            guard let start = days.hourStart(day: targetDay - back, hourEnding: target.hourEnding) else { continue }
            if let value = loadActual.latestValue(for: start, postedBefore: issueUTC), !value.isNaN {
                out[forecasts.count] = Float(value)
                return
            }
        }
    }
}
