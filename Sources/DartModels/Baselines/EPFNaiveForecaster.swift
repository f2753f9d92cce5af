import DartCore
import DartFeatures
import Foundation

/// The naive benchmark of the electricity-price-forecasting literature: the same hour of the
/// previous day on Tuesday–Friday, of the previous week on Monday, Saturday and Sunday (their
/// load shape differs from the day before). The weekday is that of the delivery day, ISO
/// numbered (1 = Monday … 7 = Sunday). A NaN lag predicts 0 and is counted.
public final class EPFNaiveForecaster: Forecaster {
    public let family = ModelFamilyName.naiveEPF
    public let dayOfWeekColumn: String
    /// Same HE, D−1 (or D−2 when D−1 is not known at issue time).
    public let dayBeforeColumn: String
    /// Same HE, D−7.
    public let weekBeforeColumn: String
    /// Rows of the last `predict` whose chosen lag was NaN and were predicted as 0.
    public private(set) var filledMissingCount = 0

    public init(dayOfWeekColumn: String, dayBeforeColumn: String, weekBeforeColumn: String) {
        self.dayOfWeekColumn = dayOfWeekColumn
        self.dayBeforeColumn = dayBeforeColumn
        self.weekBeforeColumn = weekBeforeColumn
    }

    public var featureNames: [String] { [dayOfWeekColumn, dayBeforeColumn, weekBeforeColumn] }

    /// Nothing to learn; checks that the three columns exist.
    public func fit(train: Dataset, validation: Dataset?) throws {
        for column in featureNames { _ = try ColumnReader.index(of: column, in: train.features, family: family) }
    }

    /// - Throws: `BaselineError.invalidDayOfWeek` when a weekday is not an integer 1…7.
    public func predict(_ features: FeatureMatrix) throws -> QuantileForecast {
        let weekday = try ColumnReader.index(of: dayOfWeekColumn, in: features, family: family)
        let dayBefore = try ColumnReader.index(of: dayBeforeColumn, in: features, family: family)
        let weekBefore = try ColumnReader.index(of: weekBeforeColumn, in: features, family: family)
        let stride = features.columnCount
        var p50 = [Float](repeating: 0, count: features.rowCount)
        var filled = 0
        for row in 0..<features.rowCount {
            let base = row * stride
            let day = features.values[base + weekday]
            guard day >= 1, day <= 7, day == day.rounded() else {
                throw BaselineError(.invalidDayOfWeek, subject: dayOfWeekColumn, row: row,
                                    "column '\(dayOfWeekColumn)' is \(day) at row \(row); it must be the ISO weekday 1 (Monday) … 7 (Sunday) of the delivery day")
            }
            let value = features.values[base + ((2...5).contains(Int(day)) ? dayBefore : weekBefore)]
            if value.isNaN { filled += 1 } else { p50[row] = value }
        }
        filledMissingCount = filled
        return QuantileForecast(p50: p50)
    }

    public func save(to directory: URL) throws -> [URL] {
        try BaselineArtifact(family: family, columns: [
            "day_of_week": dayOfWeekColumn, "day_before": dayBeforeColumn, "week_before": weekBeforeColumn,
        ]).save(to: directory)
    }

    public static func load(from directory: URL) throws -> EPFNaiveForecaster {
        let artifact = try BaselineArtifact.load(from: directory, expected: .naiveEPF)
        return try EPFNaiveForecaster(dayOfWeekColumn: artifact.column("day_of_week"),
                                      dayBeforeColumn: artifact.column("day_before"),
                                      weekBeforeColumn: artifact.column("week_before"))
    }
}
