import DartConfig
import DartCore
import Foundation

/// Turns scores and drift into the alert conditions that hold now, from `monitoring` settings.
public struct AlertRules: Sendable {
    public let settings: MonitoringSettings

    public init(settings: MonitoringSettings) { self.settings = settings }

    /// Rolling MAE above the threshold, per family line (all versions: with daily retrains a
    /// single version rarely covers a window).
    public func maeConditions(_ rolling: [RollingScore]) -> [AlertCondition] {
        rolling.filter { $0.version == nil && $0.windowDays == settings.scoringWindowDays && $0.mae > settings.rollingMAEThreshold }
            .map { score in
                AlertCondition(kind: .rollingMAE, subject: score.subject, value: score.mae, threshold: settings.rollingMAEThreshold,
                               message: "\(score.subject): rolling \(score.windowDays)-day MAE \(Self.money(score.mae)) is above \(Self.money(settings.rollingMAEThreshold)) (through \(score.endDay), \(score.rows) forecasts)")
            }
    }

    /// Family lines whose daily MAE was worse than the zero forecast on each of the last
    /// `worse_than_zero_days` days up to `lastDay`. A day without scored forecasts ends the streak.
    /// The value is the streak's length.
    public func worseThanZeroConditions(_ daily: [DailyScore], lastDay: OperatingDay) -> [AlertCondition] {
        let needed = settings.worseThanZeroDays
        var byLine: [String: [OperatingDay: (errors: Double, actuals: Double, rows: Int)]] = [:]
        for score in daily {
            var day = byLine["\(score.product)/\(score.family)", default: [:]][score.day] ?? (0, 0, 0)
            day.errors += score.absoluteErrorSum
            day.actuals += score.absoluteActualSum
            day.rows += score.rows
            byLine["\(score.product)/\(score.family)", default: [:]][score.day] = day
        }
        var conditions: [AlertCondition] = []
        for (subject, days) in byLine.sorted(by: { $0.key < $1.key }) {
            var streak = 0
            var day = lastDay
            while let sums = days[day], sums.rows > 0, sums.errors > sums.actuals {
                streak += 1
                day = day.adding(days: -1)
            }
            guard streak >= needed else { continue }
            conditions.append(AlertCondition(
                kind: .worseThanZero, subject: subject, value: Double(streak), threshold: Double(needed),
                message: "\(subject): worse than forecasting zero for \(streak) consecutive days (through \(lastDay)); threshold \(needed) days"))
        }
        return conditions
    }

    /// Features whose PSI is above the threshold.
    public func driftConditions(_ drift: [FeatureDriftResult]) -> [AlertCondition] {
        drift.compactMap { result in
            guard let psi = result.psi, psi > settings.psiThreshold else { return nil }
            return AlertCondition(kind: .featureDrift, subject: "\(result.product)/\(result.feature)", value: psi,
                                  threshold: settings.psiThreshold,
                                  message: "\(result.product)/\(result.feature): PSI \(String(format: "%.3f", psi)) above \(String(format: "%.2f", settings.psiThreshold)) (last \(settings.psiRecentDays) days vs training window of \(result.modelVersion))")
        }
    }

    static func money(_ value: Double) -> String { String(format: "$%.2f/MWh", value) }
}
