import DartCore

/// Builds as-of feature rows: every value in a row is known at the row's issue instant under
/// `rules`. The same code serves training, backtests and live prediction; the product only
/// decides which (issue, target) pairs are requested.
public struct FeatureBuilder: Sendable {
    public let rules: MarketRules
    public let configuration: Configuration
    /// Told the row count of every frame built (tests count builds per run).
    public var onBuild: (@Sendable (_ rows: Int) -> Void)?

    /// Throws when the configuration would leak (a `_final` series) or is out of range.
    public init(rules: MarketRules = .ercot, configuration: Configuration = Configuration()) throws(FeatureBuilderError) {
        try configuration.validate()
        self.rules = rules
        self.configuration = configuration
    }

    /// Every column the builder computes, in matrix order, before excluded columns are dropped.
    public var featureNames: [String] { layout.names }

    /// The columns of `product`'s frames, in matrix order.
    public func featureNames(for product: ForecastProduct) -> [String] { keptColumns(for: product).map { layout.names[$0] } }

    /// The group of every column of `product`'s frames, in matrix order (`calendar`, `exogenous`, `recent_rt`, …, `load`).
    public func featureColumnGroups(for product: ForecastProduct) -> [String] {
        let groups = layout.columnGroups
        return keptColumns(for: product).map { groups[$0] }
    }

    /// Layout columns that reach `product`'s frames: all but its excluded columns.
    private func keptColumns(for product: ForecastProduct) -> [Int] {
        let excluded = Set(configuration.excludedColumns(for: product))
        return layout.names.indices.filter { !excluded.contains(layout.names[$0]) }
    }

    private var layout: FeatureLayout {
        FeatureLayout(exogenousForecastNames: configuration.exogenousForecastSeries, groups: configuration.groups)
    }

    /// Rows for every issue in `issueTimes` × point × the product's target hours for that issue
    /// (`MarketRules.targetHours`), ordered by issue, then point, then target.
    /// - Parameters:
    ///   - pointIndices: indices into `history.points`; nil means all points.
    ///   - keepsTarget: `(issueUTC, targetUTC)` of the rows to build; nil builds every target. A
    ///     row's values do not depend on which other rows are built, so a training frame thinned
    ///     by target is exactly those rows of the whole one, at a fraction of the work.
    public func build(history: MarketHistory, product: ForecastProduct, issueTimes: [Int64], pointIndices: [Int]? = nil,
                      keepsTarget: ((Int64, Int64) -> Bool)? = nil) throws(FeatureBuilderError) -> FeatureFrame {
        let points = pointIndices ?? Array(history.points.indices)
        var requests: [FeatureRequest] = []
        requests.reserveCapacity(issueTimes.count * points.count * 25)
        for issue in issueTimes {
            let targets = rules.targetHours(product, issueUTC: issue).filter { keepsTarget?(issue, $0.utcStart) ?? true }
            for point in points {
                for target in targets {
                    requests.append(FeatureRequest(issueUTC: issue, targetUTC: target.utcStart, pointIndex: point))
                }
            }
        }
        return try build(history: history, product: product, requests: requests)
    }

    /// One row per request, in request order. Requests sharing an issue instant should be
    /// adjacent (they share per-issue work); any order gives the same values.
    /// - Throws: `FeatureBuilderError` for a point index outside the history, a target that is
    ///   not an hour start or starts before its issue, or a point missing from `pointCategories`.
    public func build(history: MarketHistory, product: ForecastProduct,
                      requests: [FeatureRequest]) throws(FeatureBuilderError) -> FeatureFrame {
        try validate(requests, history: history)
        let categories = try pointCategoryCodes(history)
        let layout = self.layout
        let days = dayTable(history: history, requests: requests)
        let exogenous = ExogenousFeatures(history: history, forecastNames: configuration.exogenousForecastSeries,
                                          loadActualName: configuration.loadActualSeries)
        var run = FeatureRun(history: history, rules: rules, configuration: configuration, layout: layout,
                             days: days, exogenous: exogenous, pointCategories: categories)
        var frame = run.build(product: product, requests: requests)
        // Excluded columns are still computed (others derive from them) and dropped here.
        if !configuration.excludedColumns(for: product).isEmpty { frame.features = frame.features.columns(keptColumns(for: product)) }
        onBuild?(frame.rowCount)
        return frame
    }

    private func validate(_ requests: [FeatureRequest], history: MarketHistory) throws(FeatureBuilderError) {
        for (position, request) in requests.enumerated() {
            guard history.points.indices.contains(request.pointIndex) else {
                throw FeatureBuilderError(.pointIndexOutOfRange,
                    "request \(position): point index \(request.pointIndex) is outside the history's \(history.points.count) points",
                    requestIndex: position)
            }
            guard request.targetUTC % 3600 == 0 else {
                throw FeatureBuilderError(.targetNotOnHour,
                    "request \(position): target \(UTCFormat.iso8601(request.targetUTC)) is not the start of an hour",
                    requestIndex: position)
            }
            guard request.targetUTC >= request.issueUTC else {
                throw FeatureBuilderError(.targetBeforeIssue,
                    "request \(position): target hour \(UTCFormat.iso8601(request.targetUTC)) starts before its issue time \(UTCFormat.iso8601(request.issueUTC)); forecasts are for future hours",
                    requestIndex: position)
            }
        }
    }

    private func pointCategoryCodes(_ history: MarketHistory) throws(FeatureBuilderError) -> [Float] {
        guard let categories = configuration.pointCategories else { return history.points.indices.map(Float.init) }
        var codes: [Float] = []
        for point in history.points {
            guard let code = categories.firstIndex(of: point) else {
                throw FeatureBuilderError(.pointNotInCategories,
                    "point \(point) is not in pointCategories; add it (at the end, to keep existing codes) and retrain",
                    key: "pointCategories")
            }
            codes.append(Float(code))
        }
        return codes
    }

    /// A day table covering the history, the requested targets, and the look-back of both.
    private func dayTable(history: MarketHistory, requests: [FeatureRequest]) -> DayHourTable {
        let zone = rules.timeZone
        var earliest = history.startUTC, latest = history.endUTC
        for request in requests {
            earliest = min(earliest, request.issueUTC)
            latest = max(latest, request.targetUTC)
        }
        let first = zone.operatingDay(containing: earliest), last = zone.operatingDay(containing: latest)
        let lookBack = RollingWindows.maxWindow + max(configuration.latestSearchDays, SameHourLags.lags.max()!) + 2
        return DayHourTable(timeZone: zone, firstDay: first.adding(days: -lookBack), lastDay: last.adding(days: 1))
    }
}
