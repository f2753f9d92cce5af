import DartCore

/// One model's forecasts for the target hours of one operating day, scored against realized
/// DART. Sums are stored (not only means) so rolling windows are exact row-weighted means.
public struct DailyScore: Hashable, Sendable, Codable {
    /// Operating day of the target hours.
    public var day: OperatingDay
    public var product: String
    public var family: String
    public var version: String
    /// Forecast rows with a realized DART.
    public var rows: Int
    /// Σ |actual − P50|.
    public var absoluteErrorSum: Double
    /// Σ |actual|: the zero forecast's absolute error on the same rows.
    public var absoluteActualSum: Double
    /// Rows with both P10 and P90, and how many of them held the actual.
    public var intervalRows: Int
    public var coveredRows: Int

    public init(day: OperatingDay, product: String, family: String, version: String, rows: Int, absoluteErrorSum: Double,
                absoluteActualSum: Double, intervalRows: Int = 0, coveredRows: Int = 0) {
        self.day = day
        self.product = product
        self.family = family
        self.version = version
        self.rows = rows
        self.absoluteErrorSum = absoluteErrorSum
        self.absoluteActualSum = absoluteActualSum
        self.intervalRows = intervalRows
        self.coveredRows = coveredRows
    }

    public var mae: Double { rows > 0 ? absoluteErrorSum / Double(rows) : .nan }
    public var zeroMAE: Double { rows > 0 ? absoluteActualSum / Double(rows) : .nan }
    /// True when this day's MAE is above the zero forecast's on the same rows.
    public var isWorseThanZero: Bool { rows > 0 && absoluteErrorSum > absoluteActualSum }
}

/// Rolling scores of one model line over a window of days ending at `endDay` (inclusive).
public struct RollingScore: Hashable, Sendable, Codable {
    public var product: String
    public var family: String
    /// nil: every version of the family (the production line across retrains).
    public var version: String?
    public var windowDays: Int
    public var endDay: OperatingDay
    public var days: Int
    public var rows: Int
    public var mae: Double
    public var zeroMAE: Double
    /// P10–P90 coverage, nil without intervals.
    public var coverage: Double?

    /// MAE / zero-forecast MAE on the same rows: below 1 means better than predicting zero.
    public var skill: Double? { zeroMAE > 0 ? mae / zeroMAE : nil }
    /// `product/family` or `product/family@version`.
    public var subject: String { version.map { "\(product)/\(family)@\($0)" } ?? "\(product)/\(family)" }

    /// Sums `scores` (already restricted to the window) into one rolling score.
    public static func combine(_ scores: [DailyScore], product: String, family: String, version: String?,
                               windowDays: Int, endDay: OperatingDay) -> RollingScore? {
        let rows = scores.reduce(0) { $0 + $1.rows }
        guard rows > 0 else { return nil }
        let errors = scores.reduce(0) { $0 + $1.absoluteErrorSum }
        let actuals = scores.reduce(0) { $0 + $1.absoluteActualSum }
        let intervalRows = scores.reduce(0) { $0 + $1.intervalRows }
        let covered = scores.reduce(0) { $0 + $1.coveredRows }
        return RollingScore(product: product, family: family, version: version, windowDays: windowDays, endDay: endDay,
                            days: Set(scores.map(\.day)).count, rows: rows, mae: errors / Double(rows),
                            zeroMAE: actuals / Double(rows),
                            coverage: intervalRows > 0 ? Double(covered) / Double(intervalRows) : nil)
    }

    /// Rolling scores per family line and per version for each window, from daily scores.
    public static func compute(_ daily: [DailyScore], windows: [Int], endDay: OperatingDay) -> [RollingScore] {
        var result: [RollingScore] = []
        for window in Set(windows).sorted() {
            let first = endDay.adding(days: -(window - 1))
            let inWindow = daily.filter { $0.day >= first && $0.day <= endDay }
            let lines = Dictionary(grouping: inWindow) { "\($0.product)|\($0.family)" }
            for (_, scores) in lines.sorted(by: { $0.key < $1.key }) {
                let head = scores[0]
                if let line = combine(scores, product: head.product, family: head.family, version: nil, windowDays: window, endDay: endDay) {
                    result.append(line)
                }
                for (version, versionScores) in Dictionary(grouping: scores, by: \.version).sorted(by: { $0.key < $1.key }) {
                    if let one = combine(versionScores, product: head.product, family: head.family, version: version,
                                         windowDays: window, endDay: endDay) {
                        result.append(one)
                    }
                }
            }
        }
        return result
    }
}
