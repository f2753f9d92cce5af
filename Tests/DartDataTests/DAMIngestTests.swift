import DartRuns
import DartCore
import DartData
import DartTesting
import Foundation
import Testing

@Suite struct DAMIngestTests {
    @Test func fiveHubFileKeepsBothFallBackCopies() throws {
        let store = try makeStore()
        let report = try store.ingest(file: SamplePaths.damHourly5Hubs)
        #expect(report.format == .tidyDAMHourly)
        #expect(report.inserted == 50_640)
        let history = try store.loadHistory(points: [houston], fromUTC: utc("2024-11-03T05:00:00Z"), toUTC: utc("2024-11-03T09:00:00Z"))
        // HE1, HE2 (CDT), HE2 (CST, DSTFlag Y), HE3: four distinct UTC hours.
        #expect(history.dam[0] == [14.42, 11.6, 14.11, 9.54])
        let first = MarketTimeZone.ercot.marketHour(containing: utc("2024-11-03T06:00:00Z"))
        let second = MarketTimeZone.ercot.marketHour(containing: utc("2024-11-03T07:00:00Z"))
        #expect(first.hourEnding == 2 && !first.isRepeatedHour)
        #expect(second.hourEnding == 2 && second.isRepeatedHour)
    }

    @Test func nativeNP4190APIFileMatchesTheTidyDAMFile() throws {
        let store = try makeStore()
        _ = try store.ingest(file: SamplePaths.damHourly5Hubs)
        let before = try store.tableDigests()
        let report = try store.ingest(file: SamplePaths.nativeDAMHouston)
        #expect(report.format == .ercotDAMAPI)
        #expect(report.rowsRead == 10_128)
        #expect(report.inserted == 0 && report.updated == 0 && report.unchanged == 10_128)
        #expect(try store.tableDigests() == before)

        // On its own, out-of-order rows and True/False flags land on the right hours.
        let alone = try makeStore()
        _ = try alone.ingest(file: SamplePaths.nativeDAMHouston)
        let history = try alone.loadHistory(points: [houston], fromUTC: utc("2024-11-03T05:00:00Z"), toUTC: utc("2024-11-03T09:00:00Z"))
        #expect(history.dam[0] == [14.42, 11.6, 14.11, 9.54])
    }

    @Test func damOnlyFileKeepsStoredRT() throws {
        let store = try makeStore()
        let dart = try writeCSV(["delivery_date,hour_ending,dst_flag,timestamp_utc,settlement_point,dam_price,rtm_price,dart",
                                 "2024-06-01,1,N,2024-06-01T05:00:00Z,HB_HOUSTON,24.79,17.97,6.82"], name: "dart.csv")
        _ = try store.ingest(file: dart)
        let dam = try writeCSV(["Delivery Date,Hour Ending,Settlement Point,Settlement Point Price,DSTFlag",
                                "06/01/2024,01:00,HB_HOUSTON,25.00,N"], name: "np4-190.csv")
        let report = try store.ingest(file: dam)
        #expect(report.format == .ercotDAMMIS)
        #expect(report.updated == 1)
        let history = try store.loadHistory(points: [houston], fromUTC: nil, toUTC: nil)
        #expect(history.hourCount == 1)
        #expect(history.dam[0] == [25.0])
        #expect(history.rtm[0] == [17.97])
    }

    @Test func negativeAndAboveCapPricesAreValid() throws {
        let store = try makeStore()
        let file = try writeCSV(["delivery_date,hour_ending,dst_flag,timestamp_utc,settlement_point,dam_price",
                                 "2024-06-01,1,N,2024-06-01T05:00:00Z,HB_WEST,-250",
                                 "2024-06-01,2,N,2024-06-01T06:00:00Z,HB_WEST,5100"], name: "dam.csv")
        #expect(try store.ingest(file: file).inserted == 2)
        #expect(try store.loadHistory(points: nil, fromUTC: nil, toUTC: nil).dam[0] == [-250, 5100])
        #expect(try store.lastHourUTC(point: SettlementPoint("HB_WEST")!) == utc("2024-06-01T06:00:00Z"))
        #expect(try store.lastHourUTC(point: houston) == nil)
    }
}
