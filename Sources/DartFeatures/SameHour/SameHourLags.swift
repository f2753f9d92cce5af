/// DAM, RT and DART at the target's hour ending on earlier operating days, as known at the issue.
///
/// For target day T and hour ending h: `_d1`, `_d2`, `_d7` read (T−1, h), (T−2, h), (T−7, h)
/// and are NaN when that value is not known at the issue time (or missing); `_latest` is the
/// most recent of T−1 … T−`searchDays` whose value at h is known and present, each series on
/// its own. `dart_same_he_latest_age_days` is T minus the day `dart_same_he_latest` came from.
enum SameHourLags {
    static let series = ["dart", "dam", "rt"]
    static let lags = [1, 2, 7]

    static var names: [String] {
        series.flatMap { name in ["\(name)_same_he_latest"] + lags.map { "\(name)_same_he_d\($0)" } }
            + ["dart_same_he_latest_age_days"]
    }

    static let width = series.count * (lags.count + 1) + 1

    static func write(point: Int, targetDay: Int, hourEnding: Int, searchDays: Int,
                      prices: AsOfPrices, days: DayHourTable, to out: UnsafeMutablePointer<Float>) {
        for (s, _) in series.enumerated() {
            let base = out + s * (lags.count + 1)
            base[0] = .nan
            for back in 1...max(searchDays, 1) {
                let value = read(s, point: point, day: targetDay - back, hourEnding: hourEnding, prices: prices, days: days)
                if !value.isNaN {
                    base[0] = Float(value)
                    if s == 0 { out[width - 1] = Float(back) }
                    break
                }
            }
            if s == 0, base[0].isNaN { out[width - 1] = .nan }
            for (l, lag) in lags.enumerated() {
                base[1 + l] = Float(read(s, point: point, day: targetDay - lag, hourEnding: hourEnding, prices: prices, days: days))
            }
        }
    }

    @inline(__always) private static func read(_ series: Int, point: Int, day: Int, hourEnding: Int,
                                               prices: AsOfPrices, days: DayHourTable) -> Double {
        guard let start = days.hourStart(day: day, hourEnding: hourEnding) else { return .nan }
        let index = prices.index(ofHourStart: start)
        switch series {
        case 0: return prices.dart(point, index)
        case 1: return prices.dam(point, index)
        default: return prices.rt(point, index)
        }
    }
}
