import DartCore
import DartModels

public enum RefitCadence: String, Sendable, Codable, CaseIterable { case monthly, weekly }

public struct BacktestConfiguration: Sendable, Codable {
    public var product: ForecastProduct
    /// First and last operating day of the target hours evaluated.
    public var from: OperatingDay
    public var to: OperatingDay
    public var refit: RefitCadence
    public var families: [ModelFamily]
    public var trainingWindowDays: Int
    public var hourlyIssueStride: Int
    public var ensemble: Bool

    public init(product: ForecastProduct, from: OperatingDay, to: OperatingDay, refit: RefitCadence = .monthly,
                families: [ModelFamily] = ModelFamilies.trainable, trainingWindowDays: Int = 365,
                hourlyIssueStride: Int = TrainingWindow.defaultHourlyIssueStride, ensemble: Bool = true) {
        self.product = product
        self.from = from
        self.to = to
        self.refit = refit
        self.families = families
        self.trainingWindowDays = trainingWindowDays
        self.hourlyIssueStride = hourlyIssueStride
        self.ensemble = ensemble
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
}
