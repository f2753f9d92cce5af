import DartCore

/// Load features of a target hour from ERCOT's forecasts, each from its latest posting strictly
/// before the issue: the load forecast and net load (load − wind − solar), which sets how far
/// up the supply stack the hour clears.
struct LoadFeatures {
    static let missingMarkerName = "load_inputs_missing"
    static let names = ["load_forecast", "net_load_forecast", missingMarkerName]

    private let load: ExogenousSeries?
    private let wind: ExogenousSeries?
    private let solar: ExogenousSeries?

    init(history: MarketHistory, loadSeries: String, windSeries: String, solarSeries: String) {
        load = history.exogenous[loadSeries]
        wind = history.exogenous[windSeries]
        solar = history.exogenous[solarSeries]
    }

    /// Writes `names.count` values. Net load is NaN unless all three inputs have a posting;
    /// `load_inputs_missing` is then 1, so a model can tell "missing" from a low value.
    func write(issueUTC: Int64, targetUTC: Int64, to out: UnsafeMutablePointer<Float>) {
        func value(_ series: ExogenousSeries?) -> Double {
            series?.latestValue(for: targetUTC, postedBefore: issueUTC) ?? .nan
        }
        let load = value(load), netLoad = load - value(wind) - value(solar)
        out[0] = Float(load)
        out[1] = Float(netLoad)
        out[2] = netLoad.isNaN ? 1 : 0
    }
}
