import DartConfig
import DartCore
import DartModels

public enum RefitCadence: String, Sendable, Codable, CaseIterable { case monthly, weekly }

public struct BacktestConfiguration: Sendable, Codable {
    public var product: ForecastProduct
    /// First and last operating day of the target hours evaluated.
    public var from: OperatingDay
    public var to: OperatingDay
    public var refit: RefitCadence
    public var families: [ModelFamilyName]
    public var trainingWindowDays: Int
    public var hourlyIssueStride: Int
    public var ensemble: Bool
    /// Rolling-origin folds inside each refit and their length (days); 0 folds = one validation slice.
    public var cvFolds: Int
    public var cvFoldDays: Int
    /// Recency weighting half-life in days; 0 = off.
    public var recencyHalfLifeDays: Double
    /// Hourly product: every k-th target of each issue in training (1 = all).
    public var hourlyTargetStride: Int
    public var roundSelectionMargin: Double
    /// Market-regime dates (YYYY-MM-DD): the report scores rows before and on/after each one.
    public var regimeDates: [String]
    /// Market-rule change days for training weights, and the weight of rows before the latest
    /// one known at a refit (`TrainingWindow.preRegimeWeight`; 1 = off).
    public var trainingRegimeDays: [OperatingDay] = []
    public var preRegimeWeight: Double = 1
    /// Least share of training rows each non-price feed is missing on (`TrainingWindow.feedOutageShare`; 0 = off).
    public var feedOutageShare: Double = 0
    /// Feeds with fewer days of history before a refit are left out of it (`TrainingWindow.minFeedHistoryDays`; 0 = off).
    public var minFeedHistoryDays: Int = 0
    /// How the ensemble combined its members (`models.ensemble_combination`), recorded from the
    /// settings the run used; the periods' `ensembleWeights` are 1 / n under `median`.
    public var ensembleCombination: EnsembleCombination?
    /// Monthly refits fold on the previous `cvFolds` refit periods and reuse those refits' own
    /// models as the fold models (`SharedFoldModels`): one fit per family per refit. False: every
    /// refit fits its folds itself on `cvFoldDays` blocks, as `dartcast train` does.
    public var sharedFolds = true

    /// ERCOT real-time co-optimization plus batteries (RTC+B) went live on 2025-12-05.
    public static let defaultRegimeDates = ["2025-12-05"]

    public init(product: ForecastProduct, from: OperatingDay, to: OperatingDay, refit: RefitCadence = .monthly,
                families: [ModelFamilyName] = ModelFamilies.trainable, trainingWindowDays: Int = 0,
                hourlyIssueStride: Int = TrainingWindow.defaultHourlyIssueStride, ensemble: Bool = true,
                cvFolds: Int = 3, cvFoldDays: Int = 30, recencyHalfLifeDays: Double = 0, hourlyTargetStride: Int = 1,
                roundSelectionMargin: Double = RoundSelection.defaultBudgetMargin,
                regimeDates: [String] = BacktestConfiguration.defaultRegimeDates) {
        self.product = product
        self.from = from
        self.to = to
        self.refit = refit
        self.families = families
        self.trainingWindowDays = trainingWindowDays
        self.hourlyIssueStride = hourlyIssueStride
        self.ensemble = ensemble
        self.cvFolds = cvFolds
        self.cvFoldDays = cvFoldDays
        self.recencyHalfLifeDays = recencyHalfLifeDays
        self.hourlyTargetStride = hourlyTargetStride
        self.roundSelectionMargin = roundSelectionMargin
        self.regimeDates = regimeDates
    }

    /// A backtest with the protocol of `models` settings; explicit values override them.
    public init(product: ForecastProduct, from: OperatingDay, to: OperatingDay, refit: RefitCadence, families: [ModelFamilyName],
                models: ModelSettings, windowDays: Int? = nil, hourlyIssueStride: Int? = nil, cvFolds: Int? = nil,
                regimeDates: [String] = BacktestConfiguration.defaultRegimeDates, trainingRegimeDays: [OperatingDay] = []) {
        self.init(product: product, from: from, to: to, refit: refit, families: families,
                  trainingWindowDays: windowDays ?? models.trainingWindowDays,
                  hourlyIssueStride: hourlyIssueStride ?? models.hourlyIssueStride, ensemble: models.ensemble,
                  cvFolds: cvFolds ?? models.cvFolds, cvFoldDays: models.cvFoldDays, recencyHalfLifeDays: models.recencyHalfLifeDays,
                  hourlyTargetStride: models.hourlyTargetStride, roundSelectionMargin: models.roundSelectionMargin,
                  regimeDates: regimeDates)
        self.trainingRegimeDays = trainingRegimeDays
        preRegimeWeight = models.preRegimeWeight
        feedOutageShare = models.feedOutageShare
        minFeedHistoryDays = models.minFeedHistoryDays
        ensembleCombination = models.ensembleCombination
    }

    /// The training window of a refit whose first issue is `cutoffUTC`.
    public func window(cutoffUTC: Int64) -> TrainingWindow {
        TrainingWindow(product: product, cutoffUTC: cutoffUTC, windowDays: trainingWindowDays, hourlyIssueStride: hourlyIssueStride,
                       cvFolds: cvFolds, cvFoldDays: cvFoldDays, recencyHalfLifeDays: recencyHalfLifeDays,
                       hourlyTargetStride: hourlyTargetStride, roundSelectionMargin: roundSelectionMargin)
            .weighting(regimeChangeDays: trainingRegimeDays, preRegimeWeight: preRegimeWeight)
            .simulatingFeedOutages(share: feedOutageShare)
            .requiringFeedHistory(days: minFeedHistoryDays)
    }

    /// Whether refits fold on earlier refit periods with shared models (monthly refits only:
    /// a week is too short a fold for a heavy-tailed target).
    public var foldsOnRefitPeriods: Bool { sharedFolds && refit == .monthly && cvFolds > 0 }

    /// First target day of the refit period `offset` periods from the first one; negative
    /// offsets are the whole months before the backtest (the first refit's folds).
    public func periodStart(_ offset: Int, periods: [(from: OperatingDay, to: OperatingDay)]) -> OperatingDay {
        if offset >= 0 { return periods[offset].from }
        let (year, month, day) = from.civil
        let months = year * 12 + (month - 1) + offset
        let y = months / 12, m = months % 12 + 1
        return OperatingDay(year: y, month: m, day: min(day, OperatingDay.daysIn(month: m, year: y)))!
    }

    /// Refit periods: calendar months or 7-day blocks of target days, inside [from, to].
    public func periods() -> [(from: OperatingDay, to: OperatingDay)] {
        var result: [(OperatingDay, OperatingDay)] = []
        var start = from
        while start <= to {
            let end: OperatingDay
            switch refit {
            case .weekly:
                end = min(start.adding(days: 6), to)
            case .monthly:
                let (y, m, _) = start.civil
                end = min(OperatingDay(year: y, month: m, day: OperatingDay.daysIn(month: m, year: y))!, to)
            }
            result.append((start, end))
            start = end.adding(days: 1)
        }
        return result
    }

    /// The regime dates as operating days.
    /// - Throws: `PipelineError.configuration` naming the first date that is not YYYY-MM-DD.
    public func regimeDays() throws -> [OperatingDay] { try regimeDates.map(Self.regimeDay) }

    /// Parses one regime date, strictly YYYY-MM-DD (the format the report prints).
    public static func regimeDay(_ text: String) throws -> OperatingDay {
        guard let day = OperatingDay(text), day.description == text else {
            throw PipelineError(.configuration, "regime date '\(text)' is not a date; write it as YYYY-MM-DD (e.g. 2025-12-05)")
        }
        return day
    }
}
