import DartConfig
import DartCore
import DartFeatures
import Foundation
import Logging

/// Which rows a model may train on at a given time: issue times inside the window whose target
/// prices (DAM and RT) were already known at the cutoff. In a backtest this keeps every refit
/// honest; live, the cutoff is now.
public struct TrainingWindow: Sendable, Hashable {
    public var product: ForecastProduct
    /// Only rows whose realized DART was known at this instant are used.
    public var cutoffUTC: Int64
    /// Days of issue times before the cutoff; 0 means all history (an expanding window).
    public var windowDays: Int
    /// Hourly product: train on every k-th issue time (k coprime with 24 rotates through all
    /// issue hours; 1, 3 and every k ≤ 3 keep every issue hour densely covered). Day-ahead ignores it.
    public var hourlyIssueStride: Int
    /// Hourly product: of each issue's 24 targets keep every k-th, rotating with the issue hour,
    /// so every issue hour and every horizon stays covered with 1/k of the rows. Day-ahead ignores it.
    public var hourlyTargetStride: Int
    /// The most recent share of issue times held out when there is too little history for a
    /// cross-validation fold (`cvFolds` = 0 also uses it).
    public var validationFraction: Double
    /// Rolling-origin folds, each `cvFoldDays` of issue times, counted back from the cutoff.
    public var cvFolds: Int
    public var cvFoldDays: Int
    /// See `RoundSelection`: fewer rounds than the budget only when better by more than this share.
    public var roundSelectionMargin: Double
    /// Row weight halves every this many days before the training origin; 0 = equal weights.
    public var recencyHalfLifeDays: Double
    /// Market-rule change days; rows whose target day is before the latest of them on or before
    /// a model's origin weigh `preRegimeWeight` (1 = off).
    public var regimeChangeDays: [OperatingDay] = []
    public var preRegimeWeight: Double = 1
    /// Each non-price feed is missing on at least this share of the training rows, blanked as
    /// if it had not arrived where it has too few gaps of its own (`FeedOutage`); 0 = off.
    public var feedOutageShare: Double = 0
    /// A non-price feed whose first training value is fewer than this many days before the
    /// cutoff, and which covers less than half of the training span, is left out (`youngFeedColumns`); 0 = off.
    public var minFeedHistoryDays: Int = 0
    /// Explicit fold starts, oldest first, each fold running to the next start (the last to the
    /// cutoff): a monthly walk-forward backtest folds on its previous refit periods. Empty:
    /// `cvFolds` blocks of `cvFoldDays`.
    public var foldOrigins: [Int64] = []

    /// Every 3rd issue time: 8 issues a day rotate through all 24 issue hours every 3 days.
    public static let defaultHourlyIssueStride = 3

    public init(product: ForecastProduct, cutoffUTC: Int64, windowDays: Int, hourlyIssueStride: Int = TrainingWindow.defaultHourlyIssueStride,
                validationFraction: Double = 0.15, cvFolds: Int = 0, cvFoldDays: Int = 30, recencyHalfLifeDays: Double = 0,
                hourlyTargetStride: Int = 1, roundSelectionMargin: Double = RoundSelection.defaultBudgetMargin) {
        self.product = product
        self.cutoffUTC = cutoffUTC
        self.windowDays = windowDays
        self.hourlyIssueStride = max(1, hourlyIssueStride)
        self.validationFraction = validationFraction
        self.cvFolds = max(0, cvFolds)
        self.cvFoldDays = max(1, cvFoldDays)
        self.recencyHalfLifeDays = max(0, recencyHalfLifeDays)
        self.hourlyTargetStride = max(1, hourlyTargetStride)
        self.roundSelectionMargin = max(0, roundSelectionMargin)
    }

    /// The window `models` settings give for a refit at `cutoffUTC`; `windowDays` and `cvFolds` override them.
    public init(product: ForecastProduct, cutoffUTC: Int64, models: ModelSettings, regimeChangeDays: [OperatingDay],
                windowDays: Int? = nil, cvFolds: Int? = nil) {
        self.init(product: product, cutoffUTC: cutoffUTC, windowDays: windowDays ?? models.trainingWindowDays,
                  hourlyIssueStride: models.hourlyIssueStride, cvFolds: cvFolds ?? models.cvFolds, cvFoldDays: models.cvFoldDays,
                  recencyHalfLifeDays: models.recencyHalfLifeDays, hourlyTargetStride: models.hourlyTargetStride,
                  roundSelectionMargin: models.roundSelectionMargin)
        self = weighting(regimeChangeDays: regimeChangeDays, preRegimeWeight: models.preRegimeWeight)
            .simulatingFeedOutages(share: models.feedOutageShare)
            .requiringFeedHistory(days: models.minFeedHistoryDays)
    }

    /// This window with rows before the latest market-rule change weighted `preRegimeWeight`.
    public func weighting(regimeChangeDays: [OperatingDay], preRegimeWeight: Double) -> TrainingWindow {
        var window = self
        window.regimeChangeDays = regimeChangeDays
        window.preRegimeWeight = min(1, max(0, preRegimeWeight))
        return window
    }

    /// This window with each non-price feed missing on at least `share` of the training rows.
    public func simulatingFeedOutages(share: Double) -> TrainingWindow {
        var window = self
        window.feedOutageShare = min(0.5, max(0, share))
        return window
    }

    /// This window leaving out non-price feeds with fewer than `days` of history before the cutoff.
    public func requiringFeedHistory(days: Int) -> TrainingWindow {
        var window = self
        window.minFeedHistoryDays = max(0, days)
        return window
    }

    /// Columns of the non-price feeds (`FeedOutage`) too young to train on: the feed's first value
    /// in `features` (rows issued at `issueUTC`) is fewer than `minFeedHistoryDays` before the
    /// cutoff, and the rows before it span longer than the rows since (so a short history whose
    /// feeds start with its prices keeps them). Trees would learn such a feed from a few weeks of
    /// rows and then lean on it for every forecast (docs/backtests.md § Session 21).
    func youngFeedColumns(in features: FeatureMatrix, issueUTC: [Int64]) -> [Int] {
        guard minFeedHistoryDays > 0, let trainingStart = issueUTC.min() else { return [] }
        var young: [Int] = []
        for feed in FeedOutage.feeds(featureNames: features.names) {
            let firstValue = (0..<features.rowCount)
                .filter { row in feed.blankedColumns.contains { !features[row, $0].isNaN } }
                .map { issueUTC[$0] }.min()
            guard let firstValue else { continue }
            let history = cutoffUTC - firstValue
            if history < Int64(minFeedHistoryDays) * 86_400, firstValue - trainingStart > history {
                young += feed.blankedColumns
            }
        }
        return young.sorted()
    }

    /// Sets `columns` of every row of `matrix` to NaN, as if their feed had never arrived.
    static func blank(_ columns: [Int], in matrix: inout FeatureMatrix) {
        for column in columns {
            for row in 0..<matrix.rowCount { matrix[row, column] = .nan }
        }
    }

    /// Makes each non-price feed missing on at least `feedOutageShare` of the training rows (`FeedOutage`), so
    /// a feed that stops after a refit meets models that have seen it missing. Training rows only:
    /// rows that score a model keep the inputs they really had. Returns the rows blanked per feed,
    /// nil when the share is 0.
    @discardableResult
    func simulateFeedOutages(in features: inout FeatureMatrix, issueUTC: [Int64], logger: Logger) -> [String: Int]? {
        guard feedOutageShare > 0 else { return nil }
        let blanked = FeedOutage.blank(&features, issueUTC: issueUTC, feeds: FeedOutage.feeds(featureNames: features.names),
                                       share: feedOutageShare)
        logger.debug("feed outages simulated in training", metadata: ["rows": "\(blanked.sorted { $0.key < $1.key })"])
        return blanked
    }

    /// Days of history to load before the cutoff for this window (feature lookbacks included).
    public func historyDaysNeeded(lookbackDays: Int = 40) -> Int? {
        windowDays > 0 ? windowDays + lookbackDays : nil
    }

    /// First hour of history a refit loads (feature lookbacks included); nil means all of it.
    public var historyFromUTC: Int64? { historyDaysNeeded().map { cutoffUTC - Int64($0) * 86_400 } }
    /// Last hour a refit loads: the targets of the last issues before the cutoff (as-of masking hides what was not yet known).
    public var historyToUTC: Int64 { cutoffUTC + 3 * 86_400 }

    /// Candidate issue times: the window before the cutoff (or all history from
    /// `historyStartUTC` for an expanding window), thinned for the hourly product.
    public func issueTimes(rules: MarketRules, historyStartUTC: Int64? = nil) -> [Int64] {
        let zone = rules.timeZone
        let lastDay = zone.operatingDay(containing: cutoffUTC)
        let firstDay = windowDays > 0 || historyStartUTC == nil
            ? lastDay.adding(days: -(windowDays > 0 ? windowDays : 365))
            : max(zone.operatingDay(containing: historyStartUTC!), lastDay.adding(days: -3650))
        var issues = rules.issueTimes(product, from: firstDay, through: lastDay).filter { $0 < cutoffUTC }
        if product == .hourly, hourlyIssueStride > 1 {
            issues = issues.enumerated().filter { $0.offset % hourlyIssueStride == 0 }.map(\.element)
        }
        return issues
    }

    /// The feature frame a refit trains on: this window's issue times, built only for the kept targets.
    public func trainingFrame(history: MarketHistory, builder: FeatureBuilder, rules: MarketRules) throws -> FeatureFrame {
        try builder.build(history: history, product: product,
                          issueTimes: issueTimes(rules: rules, historyStartUTC: history.startUTC),
                          keepsTarget: trainingTargetFilter)
    }

    /// Rows of `frame` usable for training: realized DART known at the cutoff.
    public func usableRows(_ frame: FeatureFrame, rules: MarketRules) -> [Int] {
        let keeps = trainingTargetFilter
        return (0..<frame.rowCount).filter { row in
            frame.dart[row].isFinite && rules.rtKnownAt(hourStartUTC: frame.targetUTC[row]) <= cutoffUTC
                && (keeps?(frame.issueUTC[row], frame.targetUTC[row]) ?? true)
        }
    }

    /// `(issueUTC, targetUTC)` of the targets `hourlyTargetStride` keeps for training; nil when
    /// it keeps every one (day-ahead, or stride 1). Training frames are built with it, so the
    /// rows it drops are never computed.
    public var trainingTargetFilter: (@Sendable (Int64, Int64) -> Bool)? {
        guard product == .hourly, hourlyTargetStride > 1 else { return nil }
        let stride = Int64(hourlyTargetStride)
        return { issueUTC, targetUTC in Self.keepsTarget(issueUTC: issueUTC, targetUTC: targetUTC, stride: stride) }
    }

    /// The horizon index rotates with the issue's day, so each issue hour sees every horizon
    /// over `stride` consecutive days.
    static func keepsTarget(issueUTC: Int64, targetUTC: Int64, stride: Int64) -> Bool {
        ((targetUTC - issueUTC) / 3600 + issueUTC / 86_400) % stride == 0
    }

    /// Recency and regime weights of `rows` for a model trained at `originUTC`; nil when both are off.
    public func weights(_ rows: [Int], frame: FeatureFrame, originUTC: Int64) -> [Float]? {
        // The latest change whose day had begun (UTC) by the origin; before it no row can be after it.
        let change = preRegimeWeight < 1 ? regimeChangeDays.filter { Int64($0.daysSinceEpoch) * 86_400 <= originUTC }.max() : nil
        guard recencyHalfLifeDays > 0 || change != nil else { return nil }
        return rows.map { row in
            var weight = 1.0
            if recencyHalfLifeDays > 0 {
                let ageDays = Double(max(0, originUTC - frame.issueUTC[row])) / 86_400
                weight = pow(0.5, ageDays / recencyHalfLifeDays)
            }
            if let change, frame.operatingDay[row] < change { weight *= preRegimeWeight }
            return Float(weight)
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
