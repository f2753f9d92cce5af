import DartCore

/// The market-rule regime of the target's operating day: calendar-only, so known at any issue.
enum RegimeFeatures {
    static let names = ["regime_index", "days_since_regime_change"]

    /// Writes the number of change days on or before the day, and the days since the latest of
    /// them (NaN before the first change).
    static func write(day: OperatingDay, regimes: MarketRegimes, to out: UnsafeMutablePointer<Float>) {
        out[0] = Float(regimes.regimeIndex(of: day))
        out[1] = regimes.daysSinceChange(of: day).map(Float.init) ?? .nan
    }
}
