import DartCore
import Foundation

/// A small synthetic market: a hub, a load zone and a resource node with daily-shaped prices,
/// negatives, spikes, NaN holes, 15-minute RT intervals, and exogenous postings at several
/// posting times.
enum SyntheticMarket {
    static let pointNames = ["HB_NORTH", "LZ_HOUSTON", "RN_SYNTH_1"]
    static let oracle = CentralTimeOracle()

    /// `dayCount` operating days from `firstDay` (local dates), grid from its local midnight.
    static func make(firstDay: OperatingDay, dayCount: Int, seed: UInt64, pointNames: [String] = pointNames) -> MarketHistory {
        var random = SeededGenerator(seed: seed)
        let zone = MarketTimeZone.ercot
        let start = zone.startOfDayUTC(firstDay)
        let end = zone.startOfDayUTC(firstDay.adding(days: dayCount))
        let hours = Int((end - start) / 3600)
        let points = pointNames.map { SettlementPoint($0)! }
        var dam = [[Double]](repeating: [Double](repeating: .nan, count: hours), count: points.count)
        var rtm = dam
        for p in points.indices {
            for i in 0..<hours {
                let localHour = Double(zone.localSeconds(utc: start + Int64(i) * 3600) % 86_400) / 3600
                let shape = 30 + 18 * sin((localHour - 9) / 24 * 2 * .pi) + Double(p) * 3
                var da = shape + Double.random(in: -8...8, using: &random)
                var rt = da + Double.random(in: -15...12, using: &random)
                let tail = Double.random(in: 0...1, using: &random)
                if tail < 0.02 { rt = Double.random(in: 1000...5100, using: &random) }       // RT spike
                else if tail < 0.05 { rt = Double.random(in: -250 ... -5, using: &random) }  // negative RT
                if tail > 0.995 { da = Double.random(in: 300...2000, using: &random) }      // DAM spike
                dam[p][i] = da
                rtm[p][i] = rt
                if Double.random(in: 0...1, using: &random) < 0.02 { rtm[p][i] = .nan }     // incomplete RT hour
                if Double.random(in: 0...1, using: &random) < 0.01 { dam[p][i] = .nan }
            }
        }
        // A whole missing day for the load zone, as in the real data after spring DST.
        let holeStart = Int((zone.startOfDayUTC(firstDay.adding(days: dayCount / 2)) - start) / 3600)
        for i in holeStart..<min(holeStart + 24, hours) { dam[1][i] = .nan; rtm[1][i] = .nan }

        var series: [String: [ExogenousSeries.Posting]] = [:]
        for i in 0..<hours {
            let target = start + Int64(i) * 3600
            let (y, m, d) = oracle.localDate(target)
            let dayBefore = oracle.calendar.date(byAdding: .day, value: -1,
                to: oracle.calendar.date(from: DateComponents(year: y, month: m, day: d, hour: 12))!)!
            let parts = oracle.calendar.dateComponents([.year, .month, .day], from: dayBefore)
            let earlyPosting = oracle.utc(parts.year!, parts.month!, parts.day!, 4, 40)   // before a 05:00 issue
            let dayAheadPosting = oracle.utc(parts.year!, parts.month!, parts.day!, 9, 55)  // after it
            let wind = 9000 + Double.random(in: -4000...9000, using: &random)
            let solar = max(0, 12000 * sin(Double(i % 24) / 24 * .pi)) + Double.random(in: 0...500, using: &random)
            series["wind_stwpf", default: []].append(.init(targetUTC: target, postedAtUTC: dayAheadPosting, value: wind))
            if i % 3 != 0 {
                series["wind_stwpf", default: []].append(.init(targetUTC: target, postedAtUTC: earlyPosting, value: wind + 500))
            }
            series["solar_stppf", default: []].append(.init(targetUTC: target, postedAtUTC: dayAheadPosting, value: solar))
            let randomPosting = target - Int64.random(in: 600...(40 * 3600), using: &random)
            series["wind_cophsl", default: []].append(.init(targetUTC: target, postedAtUTC: randomPosting, value: wind * 1.1))
            if i % 5 != 0 {  // some target hours never get a posting
                series["solar_cophsl", default: []].append(.init(targetUTC: target, postedAtUTC: randomPosting + 300, value: solar * 1.1))
            }
            series["wind_stwpf_final", default: []].append(.init(targetUTC: target, postedAtUTC: target + 7200, value: wind - 100))
            if i % 17 != 0 {  // actual load is known after the hour; some hours are missing
                series["load_actual_ERCOT", default: []].append(.init(targetUTC: target, postedAtUTC: target + 3600 + 1800,
                    value: 45000 + 10000 * sin(Double(i % 24) / 24 * .pi) + Double.random(in: -1000...1000, using: &random)))
            }
        }
        addLoadForecast(&series, start: start, hours: hours, seed: seed)
        return MarketHistory(startUTC: start, hourCount: hours, points: points, dam: dam, rtm: rtm,
                             exogenous: series.mapValues { ExogenousSeries(postings: $0) },
                             rtIntervals: intervals(rtm: rtm, seed: seed))
    }

    /// Four 15-minute prices per hour around the hourly RT (their mean where the hour is complete);
    /// an incomplete hour has its first two intervals only. Own generator, so the hourly data
    /// stays what it was before intervals existed.
    static func intervals(rtm: [[Double]], seed: UInt64) -> [[Double]] {
        var random = SeededGenerator(seed: seed &+ 0x1_5000)
        return rtm.map { hourly in
            hourly.flatMap { rt -> [Double] in
                let steps = (0..<3).map { _ in Double.random(in: -12...12, using: &random) }
                let shape = steps + [-steps.reduce(0, +)]
                guard !rt.isNaN else { return [40 + shape[0], 40 + shape[1], .nan, .nan] }
                return shape.map { rt + $0 }
            }
        }
    }

    /// ERCOT load forecasts posted at 04:40 and 09:55 on D−1 (own generator, as above).
    static func addLoadForecast(_ series: inout [String: [ExogenousSeries.Posting]], start: Int64, hours: Int, seed: UInt64) {
        var random = SeededGenerator(seed: seed &+ 0x10AD)
        for posting in series["solar_stppf"] ?? [] {  // one per hour, at the 09:55 D−1 posting
            let i = Int((posting.targetUTC - start) / 3600)
            let load = 42_000 + 12_000 * sin(Double(i % 24) / 24 * .pi) + Double.random(in: -1500...1500, using: &random)
            series["load_forecast", default: []].append(.init(targetUTC: posting.targetUTC, postedAtUTC: posting.postedAtUTC, value: load))
            series["load_forecast", default: []].append(.init(targetUTC: posting.targetUTC, postedAtUTC: posting.postedAtUTC - 5 * 3600 - 900,
                                                               value: load + 800))
        }
    }

    /// Around the 2024 spring-forward day (2024-03-10), 60 days.
    static let spring = make(firstDay: OperatingDay(year: 2024, month: 2, day: 10)!, dayCount: 60, seed: 11)
    /// Around the 2024 fall-back day (2024-11-03), 60 days.
    static let fall = make(firstDay: OperatingDay(year: 2024, month: 10, day: 5)!, dayCount: 60, seed: 23)
}
