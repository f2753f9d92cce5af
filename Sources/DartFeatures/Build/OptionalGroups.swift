import DartCore

/// The optional feature groups of one build (`FeatureGroup`), each nil when switched off, and
/// the caches they share across rows: per issue, per (issue, target) and per (issue, point).
struct OptionalGroups {
    let layout: FeatureLayout
    let searchHours: Int
    let searchDays: Int
    let regimes: MarketRegimes
    private var intervals: IssuePointCache?
    private var system: SystemFeatures?
    private var scarcity: ScarcityFeatures?
    private var scarcityRecent: IssuePointCache?
    private let load: LoadFeatures?

    init(history: MarketHistory, configuration: FeatureBuilder.Configuration, layout: FeatureLayout) {
        self.layout = layout
        searchHours = configuration.recentSearchHours
        searchDays = configuration.latestSearchDays
        regimes = configuration.regimes
        let points = history.points.count
        if layout.rtIntervals != nil { intervals = IssuePointCache(pointCount: points, width: RTIntervalFeatures.issueWidth) }
        if layout.system != nil { system = SystemFeatures(history: history) }
        if layout.scarcity != nil {
            scarcity = ScarcityFeatures(pointCount: points)
            scarcityRecent = IssuePointCache(pointCount: points, width: ScarcityFeatures.issueWidth)
        }
        load = layout.load == nil ? nil : LoadFeatures(history: history, loadSeries: configuration.loadForecastSeries,
                                                       windSeries: configuration.windForecastSeries,
                                                       solarSeries: configuration.solarForecastSeries)
    }

    /// Work shared by every row of an issue.
    mutating func prepareIssue(prices: AsOfPrices) {
        system?.prepareIssue(prices: prices, searchHours: searchHours)
    }

    /// Writes the point-independent columns of a target hour into its row template `out`.
    mutating func writeTarget(_ hour: MarketHour, prices: AsOfPrices, days: DayHourTable, to out: UnsafeMutablePointer<Float>) {
        if let column = layout.system {
            system?.writeTarget(targetDay: hour.operatingDay.daysSinceEpoch, hourEnding: hour.hourEnding,
                                searchDays: searchDays, prices: prices, days: days, to: out + column)
        }
        if let column = layout.load { load?.write(issueUTC: prices.issueUTC, targetUTC: hour.utcStart, to: out + column) }
        if let column = layout.regime { RegimeFeatures.write(day: hour.operatingDay, regimes: regimes, to: out + column) }
    }

    /// Writes the point-dependent columns of a row whose base columns are already in `row`.
    mutating func writePoint(_ point: Int, target: MarketHour, damTarget: Double, prices: AsOfPrices, days: DayHourTable,
                             blockNumber: Int, row: UnsafeMutablePointer<Float>) {
        let searchHours = self.searchHours
        if let column = layout.rtIntervals {
            intervals?.copy(point: point, blockNumber: blockNumber, to: row + column) {
                RTIntervalFeatures.write(point: point, prices: prices, searchHours: searchHours, to: $0)
            }
            row[column + RTIntervalFeatures.issueWidth] = Float(damTarget - Double(row[column]))
        }
        if let column = layout.system {
            SystemFeatures.writeSpreads(dartSameHELatest: row[layout.sameHourLags], rtLastKnown: row[layout.recent],
                                        to: row + column)
        }
        if let column = layout.scarcity {
            scarcityRecent?.copy(point: point, blockNumber: blockNumber, to: row + column) {
                ScarcityFeatures.writeRecent(point: point, prices: prices, to: $0)
            }
            row[column + ScarcityFeatures.issueWidth] = scarcity?.damDayMax(
                point: point, day: target.operatingDay.daysSinceEpoch, prices: prices, days: days) ?? .nan
        }
    }
}
