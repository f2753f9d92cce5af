import DartCore
import DartData
import DartTesting
import Foundation
import Testing

@Suite struct RTIntervalIngestTests {
    static let hubs = ["HB_HOUSTON", "HB_NORTH", "HB_SOUTH", "HB_WEST"].map { SettlementPoint($0)! }

    /// Hourly RT from 15-minute intervals vs the hourly file's `rtm_price`, per hub:
    /// (overlapping hours, largest absolute difference).
    static func compare(_ intervals: MarketStore, from: Int64? = nil, to: Int64? = nil) throws -> [(Int, Double)] {
        let derived = try intervals.loadHistory(points: hubs, fromUTC: from, toUTC: to)
        let hourly = try SharedStores.dart.loadHistory(points: hubs, fromUTC: derived.startUTC, toUTC: derived.endUTC)
        #expect(hourly.startUTC == derived.startUTC && hourly.hourCount == derived.hourCount)
        return hubs.indices.map { point in
            var overlap = 0
            var worst = 0.0
            for hour in 0..<derived.hourCount where !derived.rtm[point][hour].isNaN && !hourly.rtm[point][hour].isNaN {
                overlap += 1
                worst = max(worst, abs(derived.rtm[point][hour] - hourly.rtm[point][hour]))
            }
            return (overlap, worst)
        }
    }

    @Test func hourlyMeanOfIntervalsMatchesTheHourlyFile() throws {
        let results = try Self.compare(SharedStores.rt15)
        // Jun, Jul, Aug, Dec 2024, Jan, Feb 2025: 182 days per hub, every one in both files.
        #expect(results.map(\.0) == [4_368, 4_368, 4_368, 4_368])
        #expect(results.reduce(0) { $0 + $1.0 } > 6_000)
        for (_, worst) in results { #expect(worst <= 0.001) }
        // The 15-minute file has DAM for no hour: RT-only files fill only their column.
        let history = try SharedStores.rt15.loadHistory(points: [houston], fromUTC: utc("2024-06-01T05:00:00Z"), toUTC: utc("2024-06-01T07:00:00Z"))
        #expect(history.dam[0].allSatisfy { $0.isNaN })
        #expect(abs(history.rtm[0][0] - (17.69 + 18.33 + 17.85 + 18.01) / 4) < 1e-9)
    }

    @Test func nativeNP6905FilesMatchTheTidyFiles() throws {
        let store = try makeStore()
        var total = 0
        for file in SamplePaths.nativeRTM {
            let report = try store.ingest(file: file)
            #expect(report.format == .ercotRTIntervalMIS)
            #expect(report.rejected == 0 && report.hoursIncomplete == 0)
            total += report.inserted
        }
        #expect(total == (31 + 31 + 28) * 24 * 4 * 4)
        let results = try Self.compare(store)
        for (overlap, worst) in results {
            #expect(overlap == (31 + 31 + 28) * 24)
            #expect(worst <= 0.001)
        }
        // Same intervals as the tidy 15-minute file: loading them on top changes nothing.
        let tidy = try makeStore()
        _ = try tidy.ingest(file: SamplePaths.rtm15Minute4Hubs)
        for file in SamplePaths.nativeRTM {
            let report = try tidy.ingest(file: file)
            #expect(report.inserted == 0 && report.updated == 0 && report.hoursCompleted == 0)
        }
    }

    @Test func intervalsOfOneHourFromDifferentFilesCombine() throws {
        let store = try makeStore()
        let header = "delivery_date,hour_ending,interval,dst_flag,interval_start_utc,settlement_point,rtm_price"
        let first = try writeCSV([header,
            "2024-06-01,1,1,N,2024-06-01T05:00:00Z,HB_HOUSTON,17.69",
            "2024-06-01,1,2,N,2024-06-01T05:15:00Z,HB_HOUSTON,18.33",
            "2024-06-01,1,3,N,2024-06-01T05:30:00Z,HB_HOUSTON,17.85"], name: "rt-part1.csv")
        let partial = try store.ingest(file: first)
        #expect(partial.inserted == 3)
        #expect(partial.hoursIncomplete == 1 && partial.hoursCompleted == 0)
        let hour = utc("2024-06-01T05:00:00Z")
        var history = try store.loadHistory(points: [houston], fromUTC: hour, toUTC: hour + 3600)
        #expect(history.rtm[0][0].isNaN)  // an incomplete hour is not averaged
        let incomplete = try store.status().first!
        #expect(incomplete.incompleteRTHours == [HourRange(startUTC: hour, endUTC: hour + 3600)])
        #expect(incomplete.gaps == [HourRange(startUTC: hour, endUTC: hour + 3600)])

        let second = try writeCSV([header, "2024-06-01,1,4,N,2024-06-01T05:45:00Z,HB_HOUSTON,18.01"], name: "rt-part2.csv")
        let completed = try store.ingest(file: second)
        #expect(completed.inserted == 1 && completed.hoursCompleted == 1 && completed.hoursIncomplete == 0)
        history = try store.loadHistory(points: [houston], fromUTC: hour, toUTC: hour + 3600)
        #expect(abs(history.rtm[0][0] - 17.97) < 1e-9)
        #expect(try store.status().first!.incompleteRTHours.isEmpty)
    }
}
