import DartCore

/// The state of one `FeatureBuilder.build` call: caches keyed by issue, target and anchor day,
/// and the output columns. Requests are processed in blocks of equal issue instant.
struct FeatureRun {
    let history: MarketHistory
    let rules: MarketRules
    let configuration: FeatureBuilder.Configuration
    let layout: FeatureLayout
    let days: DayHourTable
    let exogenous: ExogenousFeatures
    let pointCategories: [Float]

    private var rolling: RollingWindows
    /// Per block: target hour → slot in `targetHours` / `targetRows`.
    private var targetSlots: [Int64: Int] = [:]
    private var targetHours: [MarketHour] = []
    /// Per slot, a row template (`layout.width` values) holding the columns shared by all points.
    private var targetRows: [Float] = []
    private var recent: IssuePointCache
    /// The optional groups (`FeatureGroup`); their state when switched on.
    private var groups: OptionalGroups

    init(history: MarketHistory, rules: MarketRules, configuration: FeatureBuilder.Configuration, layout: FeatureLayout,
         days: DayHourTable, exogenous: ExogenousFeatures, pointCategories: [Float]) {
        self.history = history
        self.rules = rules
        self.configuration = configuration
        self.layout = layout
        self.days = days
        self.exogenous = exogenous
        self.pointCategories = pointCategories
        rolling = RollingWindows(pointCount: history.points.count)
        recent = IssuePointCache(pointCount: history.points.count, width: RecentRealTime.names.count)
        groups = OptionalGroups(history: history, configuration: configuration, layout: layout)
    }

    mutating func build(product: ForecastProduct, requests: [FeatureRequest]) -> FeatureFrame {
        let rowCount = requests.count
        let width = layout.width
        var values = [Float](repeating: .nan, count: rowCount * width)
        var operatingDay = [OperatingDay](repeating: OperatingDay(daysSinceEpoch: 0), count: rowCount)
        var hourEnding = [UInt8](repeating: 0, count: rowCount)
        var repeated = [Bool](repeating: false, count: rowCount)
        var dart = [Float](repeating: .nan, count: rowCount)
        values.withUnsafeMutableBufferPointer { matrix in
            var blockStart = 0, blockNumber = 0
            while blockStart < rowCount {
                let issue = requests[blockStart].issueUTC
                var blockEnd = blockStart + 1
                while blockEnd < rowCount, requests[blockEnd].issueUTC == issue { blockEnd += 1 }
                let prices = AsOfPrices(history: history, rules: rules, issueUTC: issue)
                targetSlots.removeAll(keepingCapacity: true)
                targetHours.removeAll(keepingCapacity: true)
                targetRows.removeAll(keepingCapacity: true)
                groups.prepareIssue(prices: prices)
                for row in blockStart..<blockEnd {
                    let request = requests[row]
                    let slot = targetSlot(request.targetUTC, prices: prices)
                    let target = targetHours[slot]
                    writeRow(matrix.baseAddress! + row * width, request: request, slot: slot, target: target,
                             prices: prices, blockNumber: blockNumber)
                    operatingDay[row] = target.operatingDay
                    hourEnding[row] = UInt8(target.hourEnding)
                    repeated[row] = target.isRepeatedHour
                    dart[row] = RealizedTarget.dart(history: history, point: request.pointIndex, targetUTC: request.targetUTC)
                }
                blockStart = blockEnd
                blockNumber += 1
            }
        }
        return FeatureFrame(product: product, points: history.points,
                            features: FeatureMatrix(names: layout.names, rowCount: rowCount, values: values),
                            issueUTC: requests.map(\.issueUTC), targetUTC: requests.map(\.targetUTC),
                            pointIndex: requests.map { Int32($0.pointIndex) }, operatingDay: operatingDay,
                            hourEnding: hourEnding, isRepeatedHour: repeated, dart: dart)
    }

    /// The slot of a target hour in this block, computing its point-independent columns once.
    private mutating func targetSlot(_ targetUTC: Int64, prices: AsOfPrices) -> Int {
        if let slot = targetSlots[targetUTC] { return slot }
        let slot = targetHours.count
        let hour = rules.timeZone.marketHour(containing: targetUTC)
        targetSlots[targetUTC] = slot
        targetHours.append(hour)
        targetRows.append(contentsOf: repeatElement(Float.nan, count: layout.width))
        let layout = self.layout, days = self.days, exogenous = self.exogenous
        let searchDays = configuration.latestSearchDays
        let horizon = Float(rules.horizonHours(issueUTC: prices.issueUTC, targetUTC: targetUTC))
        let daysAfterAnchor = Float(hour.operatingDay.daysSinceEpoch - prices.lastFullyKnownDay.daysSinceEpoch)
        targetRows.withUnsafeMutableBufferPointer { rows in
            let out = rows.baseAddress! + slot * layout.width
            CalendarFeatures.write(hour, to: out + layout.calendar)
            out[layout.horizon] = horizon
            out[layout.horizon + 1] = daysAfterAnchor
            exogenous.write(issueUTC: prices.issueUTC, target: hour, searchDays: searchDays, days: days,
                            to: out + layout.exogenous)
            groups.writeTarget(hour, prices: prices, days: days, to: out)
        }
        return slot
    }

    private mutating func writeRow(_ out: UnsafeMutablePointer<Float>, request: FeatureRequest, slot: Int,
                                   target: MarketHour, prices: AsOfPrices, blockNumber: Int) {
        let point = request.pointIndex
        let layout = self.layout
        targetRows.withUnsafeBufferPointer { rows in
            let template = rows.baseAddress! + slot * layout.width
            out.update(from: template, count: layout.targetWidth)
            (out + layout.baseWidth).update(from: template + layout.baseWidth, count: layout.width - layout.baseWidth)
        }

        out[layout.point] = pointCategories[point]
        out[layout.point + 1] = Self.kindCode(history.points[point].kind)

        let searchHours = configuration.recentSearchHours
        recent.copy(point: point, blockNumber: blockNumber, to: out + layout.recent) {
            RecentRealTime.write(point: point, prices: prices, searchHours: searchHours, to: $0)
        }

        SameHourLags.write(point: point, targetDay: target.operatingDay.daysSinceEpoch, hourEnding: target.hourEnding,
                           searchDays: configuration.latestSearchDays, prices: prices, days: days,
                           to: out + layout.sameHourLags)

        rolling.prepare(point: point, prices: prices, days: days)
        rolling.copySameHE(point: point, hourEnding: target.hourEnding, to: out + layout.rollingSameHE)
        rolling.copyDay(point: point, to: out + layout.rollingDay)

        let damTarget = prices.dam(point, prices.index(ofHourStart: target.utcStart))
        out[layout.damTarget] = Float(damTarget)
        out[layout.damTarget + 1] = Float(damTarget - Double(out[layout.recent + 2]))
        // The short-horizon spread itself: a tree rebuilds a difference of two inputs only coarsely.
        out[layout.damTarget + 2] = Float(damTarget - Double(out[layout.recent]))

        groups.writePoint(point, target: target, damTarget: damTarget, prices: prices, days: days,
                          blockNumber: blockNumber, row: out)
    }

    private static func kindCode(_ kind: SettlementPoint.Kind) -> Float {
        switch kind {
        case .hub: return 0
        case .loadZone: return 1
        case .resourceNode: return 2
        }
    }
}

/// The realized label of a row. Reads the full history on purpose: it is the training target,
/// never a feature.
enum RealizedTarget {
    static func dart(history: MarketHistory, point: Int, targetUTC: Int64) -> Float {
        guard let index = history.index(ofUTC: targetUTC) else { return .nan }
        return Float(history.dam[point][index] - history.rtm[point][index])
    }
}
