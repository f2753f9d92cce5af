import DartCore
import DartFeatures
import Foundation

/// Which rows a model may train on at a given time: issue times inside the window whose target
/// prices (DAM and RT) were already known at the cutoff. In a backtest this keeps every refit
/// honest; live, the cutoff is now.
public struct TrainingWindow: Sendable, Hashable {
    public var product: ForecastProduct
    /// Only rows whose realized DART was known at this instant are used.
    public var cutoffUTC: Int64
    public var windowDays: Int
    /// Hourly product: train on every k-th issue time (k coprime with 24 rotates through all
    /// issue hours). 1 uses all. Day-ahead ignores it.
    public var hourlyIssueStride: Int
    /// The most recent share of issue times held out for early stopping, ensemble weights and interval calibration.
    public var validationFraction: Double

    /// Hourly issues are 24× denser than day-ahead ones: every 9th issue time (coprime with 24,
    /// so every issue hour is represented) over at most 240 days keeps a refit near 200k rows.
    public static let defaultHourlyIssueStride = 9
    public static let maxHourlyWindowDays = 240

    /// The window for a product when the user did not set one: the configured window, capped
    /// for the hourly product.
    public static func defaultWindowDays(product: ForecastProduct, configured: Int) -> Int {
        product == .hourly ? min(configured, maxHourlyWindowDays) : configured
    }

    public init(product: ForecastProduct, cutoffUTC: Int64, windowDays: Int, hourlyIssueStride: Int = TrainingWindow.defaultHourlyIssueStride, validationFraction: Double = 0.15) {
        self.product = product
        self.cutoffUTC = cutoffUTC
        self.windowDays = windowDays
        self.hourlyIssueStride = max(1, hourlyIssueStride)
        self.validationFraction = validationFraction
    }

    /// Candidate issue times: the window before the cutoff, thinned for the hourly product.
    public func issueTimes(rules: MarketRules) -> [Int64] {
        let zone = rules.timeZone
        let lastDay = zone.operatingDay(containing: cutoffUTC)
        let firstDay = lastDay.adding(days: -windowDays)
        var issues = rules.issueTimes(product, from: firstDay, through: lastDay).filter { $0 < cutoffUTC }
        if product == .hourly, hourlyIssueStride > 1 {
            issues = issues.enumerated().filter { $0.offset % hourlyIssueStride == 0 }.map(\.element)
        }
        return issues
    }

    /// Rows of `frame` usable for training: realized DART known at the cutoff.
    public func usableRows(_ frame: FeatureFrame, rules: MarketRules) -> [Int] {
        (0..<frame.rowCount).filter { row in
            frame.dart[row].isFinite && rules.rtKnownAt(hourStartUTC: frame.targetUTC[row]) <= cutoffUTC
        }
    }

    /// Splits usable rows into time-ordered train and validation parts by issue time.
    public func split(_ rows: [Int], frame: FeatureFrame) -> (train: [Int], validation: [Int]) {
        let sorted = rows.sorted { (frame.issueUTC[$0], $0) < (frame.issueUTC[$1], $1) }
        let issues = Array(Set(sorted.map { frame.issueUTC[$0] })).sorted()
        guard issues.count >= 5 else { return (sorted, []) }
        let firstValidationIssue = issues[Int(Double(issues.count) * (1 - validationFraction))]
        return (sorted.filter { frame.issueUTC[$0] < firstValidationIssue }, sorted.filter { frame.issueUTC[$0] >= firstValidationIssue })
    }
}
