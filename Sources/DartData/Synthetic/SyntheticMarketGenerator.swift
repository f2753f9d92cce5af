import DartCore
import Foundation

/// Synthetic hourly DAM/RT/DART data in the tidy 15-point layout, for benchmarks and scale
/// tests only: never a substitute for the real sample. Points are named `SYN_0001…` so the data
/// cannot be mistaken for ERCOT's. Deterministic per seed.
///
/// Shape: a seasonal level (summer and winter peaks), a daily profile (morning and evening peaks,
/// midday solar dip, weekend discount), per-point level and sensitivity, an RT shock shared by
/// all points (AR(1) over hours) plus point noise, and rare RT spikes and negative dips.
/// Labels follow `MarketTimeZone` exactly: 23-hour spring days, both fall-back HE 2 copies.
public struct SyntheticMarketGenerator: Sendable {
    public struct Configuration: Sendable, Hashable {
        public var points: Int
        public var days: Int
        public var seed: UInt64
        public var start: OperatingDay

        public init(points: Int, days: Int, seed: UInt64, start: OperatingDay) {
            self.points = points
            self.days = days
            self.seed = seed
            self.start = start
        }
    }

    public let configuration: Configuration
    public let zone: MarketTimeZone

    public init(configuration: Configuration, zone: MarketTimeZone = .ercot) {
        self.configuration = configuration
        self.zone = zone
    }

    /// Point names, `SYN_0001` … (four digits minimum).
    public var pointNames: [String] {
        (1...max(1, configuration.points)).map { index in
            let digits = String(index)
            return "SYN_" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
        }
    }

    /// Writes the CSV (gzip when `path` ends in `.gz`) and returns the number of data rows.
    public func write(to path: String) throws -> Int {
        let writer = try CSVFileWriter(path: path)
        writer.write("delivery_date,hour_ending,dst_flag,timestamp_utc,settlement_point,dam_price,rtm_price,dart,dam_conflict_day\n".utf8)
        var random = SplitMix64(seed: configuration.seed)
        let names = pointNames.map { Array($0.utf8) }
        let level = names.map { _ in 1 + 0.12 * random.normal() }
        let sensitivity = names.map { _ in max(0.3, 1 + 0.35 * random.normal()) }
        var sharedShock = 0.0
        var dayAheadDrift = 0.0
        var rows = 0
        for dayOffset in 0..<max(0, configuration.days) {
            let day = configuration.start.adding(days: dayOffset)
            dayAheadDrift = 0.8 * dayAheadDrift + 3 * random.normal()
            let dayLabel = Array(day.description.utf8)
            for hour in zone.hours(of: day) {
                let expected = expectedPrice(day: day, hourEnding: hour.hourEnding) + dayAheadDrift
                sharedShock = 0.7 * sharedShock + 6 * random.normal()
                let roll = random.uniform()
                let spike = roll < 0.004 ? exp(5.3 + random.normal()) : (roll < 0.014 ? -(20 + 40 * random.uniform()) : 0)
                let prefix = dayLabel + Array(",\(hour.hourEnding),\(hour.dstFlag),\(UTCFormat.iso8601(hour.utcStart)),".utf8)
                for point in names.indices {
                    let dam = clampPrice(expected * level[point] + 1.5 * random.normal())
                    let rt = clampPrice(dam + sensitivity[point] * (sharedShock + spike) + 3 * random.normal())
                    let damCents = Int((dam * 100).rounded()), rtCents = Int((rt * 100).rounded())
                    writer.write(prefix)
                    writer.write(names[point])
                    writer.write(byte: 0x2C)
                    writer.write(cents: damCents)
                    writer.write(byte: 0x2C)
                    writer.write(cents: rtCents)
                    writer.write(byte: 0x2C)
                    writer.write(cents: damCents - rtCents)
                    writer.write(",0\n".utf8)
                    rows += 1
                }
                try writer.flushIfNeeded()
            }
        }
        try writer.close()
        return rows
    }

    /// Mean DAM price for a day and hour: seasonal level × daily profile × weekday factor.
    func expectedPrice(day: OperatingDay, hourEnding: Int) -> Double {
        let dayOfYear = Double(day.daysSinceEpoch - OperatingDay(year: day.year, month: 1, day: 1)!.daysSinceEpoch)
        let summer = exp(-pow((dayOfYear - 205) / 38, 2))
        let winter = exp(-pow((dayOfYear - 25) / 20, 2))
        let level = 26 + 22 * summer + 8 * winter
        let h = Double(hourEnding)
        let profile = 1 - 0.22 * exp(-pow((h - 4) / 2.5, 2)) + 0.12 * exp(-pow((h - 8) / 1.5, 2))
            - 0.18 * exp(-pow((h - 13) / 2.5, 2)) + (0.45 + 0.8 * summer) * exp(-pow((h - 19.5) / 2, 2))
        let weekday = day.isoWeekday >= 6 ? 0.88 : 1
        return level * profile * weekday
    }

    private func clampPrice(_ value: Double) -> Double { min(5_000, max(-250, value)) }
}
