import DartCore
import DartFeatures
import Testing

/// Feature values recomputed by hand from the history for one day-ahead row.
@Suite struct FeatureValueTests {
    let oracle = CentralTimeOracle()
    let history = SyntheticMarket.fall
    let point = 2
    // Target: operating day 2024-11-20, HE 20 (19:00–20:00 local); issued 05:00 on 2024-11-19.
    let targetDay = (2024, 11, 20)
    let hourEnding = 20

    func row() throws -> (FeatureFrame, Int) {
        let builder = try FeatureBuilder()
        let frame = try builder.build(history: history, product: .dayahead, issueTimes: [oracle.utc(2024, 11, 19, 5)],
                                      pointIndices: [point])
        let row = frame.hourEnding.firstIndex(of: UInt8(hourEnding))!
        #expect(frame.operatingDay[row] == OperatingDay(year: 2024, month: 11, day: 20)!)
        return (frame, row)
    }

    /// Grid index of HE `hourEnding` on 2024-11-20 minus `back` days.
    func index(back: Int, hourEnding: Int? = nil) -> Int {
        history.index(ofUTC: oracle.utc(2024, 11, 20 - back, (hourEnding ?? self.hourEnding) - 1))!
    }

    func dart(_ index: Int) -> Double { history.dam[point][index] - history.rtm[point][index] }

    func feature(_ frame: FeatureFrame, _ row: Int, _ name: String) -> Float {
        frame.features[row, frame.features.column(named: name)!]
    }

    @Test func sameHourLags() throws {
        let (frame, row) = try row()
        #expect(feature(frame, row, "dart_same_he_d7").bitPattern == Float(dart(index(back: 7))).bitPattern)
        #expect(feature(frame, row, "dam_same_he_d2").bitPattern == Float(history.dam[point][index(back: 2)]).bitPattern)
        // HE 20 of D−1 is not known at 05:00 on D−1.
        #expect(feature(frame, row, "dart_same_he_d1").isNaN)
        #expect(feature(frame, row, "rt_same_he_d1").isNaN)
        // DAM of D−1 was published on D−2 at 13:30, so it is known.
        #expect(feature(frame, row, "dam_same_he_d1") == Float(history.dam[point][index(back: 1)]))
        let latestBack = (2...7).first { !dart(index(back: $0)).isNaN }!
        #expect(feature(frame, row, "dart_same_he_latest") == Float(dart(index(back: latestBack))))
        #expect(feature(frame, row, "dart_same_he_latest_age_days") == Float(latestBack))
    }

    @Test func earlyHoursOfTheIssueDayAreLatest() throws {
        let (frame, _) = try row()
        let he3 = frame.hourEnding.firstIndex(of: 3)!  // HE 3 of D−1 ended 03:00, known 03:15 < 05:00
        let value = dart(index(back: 1, hourEnding: 3))
        if !value.isNaN {
            #expect(feature(frame, he3, "dart_same_he_latest") == Float(value))
            #expect(feature(frame, he3, "dart_same_he_d1") == Float(value))
        }
        let he5 = frame.hourEnding.firstIndex(of: 5)!  // ends 05:00, known 05:15: too late
        #expect(feature(frame, he5, "dart_same_he_d1").isNaN)
    }

    @Test func rollingStatisticsOverFullyKnownDays() throws {
        let (frame, row) = try row()
        // Last fully known day at 05:00 on 11-19 is 11-18 (= D−2); the 7-day window is D−8 … D−2.
        let sameHE = (2...8).map { dart(index(back: $0)) }.filter { !$0.isNaN }.sorted()
        let mean = sameHE.reduce(0, +) / Double(sameHE.count)
        #expect(feature(frame, row, "dart_same_he_mean_7d") == Float(mean))
        #expect(feature(frame, row, "dart_same_he_median_7d") == Float(Self.quantile(sameHE, 0.5)))
        #expect(feature(frame, row, "dart_same_he_p90_7d") == Float(Self.quantile(sameHE, 0.9)))
        let positive = (2...8).map { dart(index(back: $0)) }.filter { !$0.isNaN }
        #expect(feature(frame, row, "dart_same_he_positive_rate_7d") == Float(positive.filter { $0 > 0 }.count) / Float(positive.count))
        let first = index(back: 8, hourEnding: 1), last = index(back: 2, hourEnding: 24)
        let day = (first...last).map(dart).filter { !$0.isNaN }.sorted()
        #expect(feature(frame, row, "dart_day_p10_7d") == Float(Self.quantile(day, 0.1)))
        let variance = day.map { ($0 - day.reduce(0, +) / Double(day.count)) * ($0 - day.reduce(0, +) / Double(day.count)) }
            .reduce(0, +) / Double(day.count)
        #expect(abs(feature(frame, row, "dart_day_std_7d") - Float(variance.squareRoot())) < 1e-3)
        #expect(feature(frame, row, "target_days_after_last_full_day") == 2)
    }

    @Test func recentRealTimeEndsAtTheLastKnownHour() throws {
        let (frame, row) = try row()
        // At 05:00 the last known hour is 03:00–04:00 (known 04:15).
        let hours = [index(back: 1, hourEnding: 2), index(back: 1, hourEnding: 3), index(back: 1, hourEnding: 4)]
        let rts = hours.map { history.rtm[point][$0] }.filter { !$0.isNaN }
        #expect(feature(frame, row, "rt_mean_last_3h") == Float(rts.reduce(0, +) / Double(rts.count)))
        if !history.rtm[point][hours[2]].isNaN {
            #expect(feature(frame, row, "rt_last_known") == Float(history.rtm[point][hours[2]]))
            #expect(feature(frame, row, "rt_hours_since_last_known") == 1)
        }
        #expect(feature(frame, row, "horizon_hours") == 38)
        #expect(feature(frame, row, "point_index") == Float(point))
        #expect(feature(frame, row, "point_kind") == 2)
        #expect(frame.dart[row].bitPattern == Float(dart(index(back: 0))).bitPattern)
    }

    @Test func columnNamesAreUniqueAndStable() throws {
        let names = try FeatureBuilder().featureNames
        #expect(Set(names).count == names.count)
        for required in ["dart_same_he_latest", "dart_same_he_d2", "dart_same_he_d7", "dam_same_he_d7", "hour_ending",
                         "is_holiday", "horizon_hours", "dam_target_published", "rt_mean_last_6h"] {
            #expect(names.contains(required))
        }
    }

    static func quantile(_ sorted: [Double], _ q: Double) -> Double {
        let position = q * Double(sorted.count - 1)
        let lower = Int(position), upper = min(lower + 1, sorted.count - 1)
        return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - Double(lower))
    }
}
