import DartCore
import DartData
import DartTesting
import Foundation
import Testing

@Suite struct LoadHistoryTests {
    @Test func gridHoldsPricesNaNGapsAndExogenousPostings() throws {
        let store = try makeStore()
        _ = try store.ingest(file: SamplePaths.dartHourly15)
        _ = try store.ingest(file: SamplePaths.windSolarForecasts2024)
        _ = try store.ingest(file: SamplePaths.loadActual)
        let north = SettlementPoint("HB_NORTH")!
        let history = try store.loadHistory(points: [houston, north], fromUTC: utc("2024-03-10T05:00:00Z"), toUTC: utc("2024-03-18T05:00:00Z"))
        #expect(history.points == [houston, north])
        #expect(history.hourCount == 8 * 24)
        // 2024-03-09 HE24 and 2024-03-10 HE1 from the file; then HB_NORTH misses hours until 2024-03-17 HE3.
        #expect(history.dam[1][0] == 17.07 && history.rtm[1][0] == 20.3525)
        #expect(history.dam[1][1] == 17.13 && history.rtm[1][1] == 18.0975)
        let gap = history.index(ofUTC: utc("2024-03-12T12:00:00Z"))!
        #expect(history.dam[1][gap].isNaN && history.rtm[1][gap].isNaN)
        #expect(!history.dam[0][gap].isNaN && !history.rtm[0][gap].isNaN)  // HB_HOUSTON is complete
        #expect(history.rtm[1][history.index(ofUTC: utc("2024-03-17T08:00:00Z"))!].isNaN == false)

        // Wind day-ahead posting for 2024-03-10 HE1 (06:00Z), posted 2024-03-09 09:55:35 CST = 15:55:35Z.
        let wind = try #require(history.exogenous["wind_stwpf"])
        let target = utc("2024-03-10T06:00:00Z")
        #expect(wind.latestValue(for: target, postedBefore: utc("2024-03-09T15:55:36Z")) == 5048.5)
        #expect(wind.latestValue(for: target, postedBefore: utc("2024-03-09T15:55:35Z")) == nil)
        // Finals and actuals are known only after their hour.
        let windFinal = try #require(history.exogenous["wind_stwpf_final"])
        #expect(windFinal.latestValue(for: target, postedBefore: target + 3600) == nil)
        #expect(windFinal.latestValue(for: target, postedBefore: target + 3601) == 5076.1)
        let coast = try #require(history.exogenous["load_actual_COAST"])
        #expect(coast.postings.allSatisfy { $0.postedAtUTC == $0.targetUTC + 3600 })
        // Solar was not posted for 2024-03-10 HE2 (empty cells): no posting rather than a zero.
        let solar = try #require(history.exogenous["solar_stppf"])
        #expect(solar.latestValue(for: utc("2024-03-10T07:00:00Z"), postedBefore: utc("2024-03-11T00:00:00Z")) == nil)
    }

    @Test func summerPostingTimeIsConvertedFromCDT() throws {
        let store = try makeStore()
        _ = try store.ingest(file: SamplePaths.windSolarForecasts2024)
        let history = try store.loadHistory(points: [], fromUTC: utc("2024-07-01T05:00:00Z"), toUTC: utc("2024-07-01T06:00:00Z"))
        let wind = try #require(history.exogenous["wind_stwpf"])
        #expect(wind.postings == [.init(targetUTC: utc("2024-07-01T05:00:00Z"), postedAtUTC: utc("2024-06-30T14:55:13Z"), value: 18989.9)])
    }

    @Test func unknownPointIsAnError() throws {
        #expect(throws: MarketStoreError.self) {
            try SharedStores.dart.loadHistory(points: [SettlementPoint("HB_NOWHERE")!], fromUTC: nil, toUTC: nil)
        }
    }
}

@Suite struct LoadHistoryIntervalTests {
    @Test func intervalsLoadOnAFifteenMinuteGrid() throws {
        let store = try makeStore()
        let header = "delivery_date,hour_ending,interval,dst_flag,interval_start_utc,settlement_point,rtm_price"
        _ = try store.ingest(file: try writeCSV([header,
            "2024-06-01,1,1,N,2024-06-01T05:00:00Z,HB_HOUSTON,17.69",
            "2024-06-01,1,2,N,2024-06-01T05:15:00Z,HB_HOUSTON,18.33",
            "2024-06-01,1,4,N,2024-06-01T05:45:00Z,HB_HOUSTON,18.01"], name: "rt-intervals.csv"))
        let history = try store.loadHistory(points: [houston], fromUTC: utc("2024-06-01T04:00:00Z"), toUTC: utc("2024-06-01T06:00:00Z"))
        #expect(history.hourCount == 2)
        let loaded = try #require(history.rtIntervals.first)
        #expect(loaded.count == 8)
        #expect(loaded[4] == 17.69 && loaded[5] == 18.33 && loaded[7] == 18.01)
        #expect([0, 1, 2, 3, 6].allSatisfy { loaded[$0].isNaN })
        #expect(history.rtm[0][1].isNaN)  // three of four intervals: no hourly RT yet
    }

    @Test func hourlyOnlyStoreLoadsNoIntervals() throws {
        let history = try SharedStores.dart.loadHistory(points: [houston], fromUTC: utc("2024-06-01T05:00:00Z"),
                                                        toUTC: utc("2024-06-02T05:00:00Z"))
        #expect(history.rtIntervals.isEmpty)
        #expect(history.rtm[0].contains { !$0.isNaN })
    }
}
