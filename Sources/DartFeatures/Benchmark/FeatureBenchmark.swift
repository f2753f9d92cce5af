import DartCore

/// Measures feature-building throughput over a span of issue days, in chunks so memory stays
/// bounded (a year of hourly rows for 15 points is ~3 M rows × ~80 columns).
public enum FeatureBenchmark {
    public struct Result: Sendable, CustomStringConvertible {
        public var product: ForecastProduct
        public var rows: Int
        public var columns: Int
        public var seconds: Double
        public var rowsPerSecond: Double { seconds > 0 ? Double(rows) / seconds : .infinity }

        public var description: String {
            "\(product): \(rows) rows × \(columns) columns in \(FeatureBenchmark.format3(seconds)) s = \(Int(rowsPerSecond.rounded())) rows/s"
        }
    }

    /// Builds every issue of `product` on local days `firstDay…lastDay` for all points of
    /// `history`, `chunkDays` issue days per `build` call, and times the builds with `clock`.
    public static func run<C: Clock>(history: MarketHistory, builder: FeatureBuilder, product: ForecastProduct,
                                     from firstDay: OperatingDay, through lastDay: OperatingDay, chunkDays: Int = 31,
                                     clock: C) throws(FeatureBuilderError) -> Result where C.Duration == Duration {
        var rows = 0
        var elapsed = Duration.zero
        var chunkStart = firstDay
        while chunkStart <= lastDay {
            let chunkEnd = min(chunkStart.adding(days: max(chunkDays, 1) - 1), lastDay)
            let issues = builder.rules.issueTimes(product, from: chunkStart, through: chunkEnd)
            let started = clock.now
            let frame = try builder.build(history: history, product: product, issueTimes: issues)
            elapsed += started.duration(to: clock.now)
            rows += frame.rowCount
            chunkStart = chunkEnd.adding(days: 1)
        }
        let (seconds, attoseconds) = elapsed.components
        return Result(product: product, rows: rows, columns: builder.featureNames(for: product).count,
                      seconds: Double(seconds) + Double(attoseconds) * 1e-18)
    }

    static func format3(_ value: Double) -> String {
        let scaled = (value * 1000).rounded() / 1000
        return String(scaled)
    }
}
