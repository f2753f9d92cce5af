import DartCore
import DartData
import DartTesting
import Foundation
import Testing

@Suite struct DartHourlyIngestTests {
    @Test func bundledFileStoresEveryRowOnceAndReingestChangesNothing() throws {
        let store = try makeStore()
        let first = try store.ingest(file: SamplePaths.dartHourly15)
        #expect(first.format == .tidyDartHourly)
        #expect(first.rowsRead == 159_737)
        #expect(first.inserted == 159_737)
        #expect(first.updated == 0)
        #expect(first.entries.count == 15)
        #expect(try store.points().count == 15)
        let digests = try store.tableDigests()
        #expect(digests.first { $0.table == "hourly_price" }?.rowCount == 159_737)

        let again = try store.ingest(file: SamplePaths.dartHourly15)
        #expect(again.inserted == 0)
        #expect(again.updated == 0)
        #expect(again.unchanged == 159_737)
        #expect(try store.tableDigests() == digests)
    }

    @Test func correctedValueIsReportedAsUpdatedAndReplacesTheOldOne() throws {
        let store = try makeStore()
        var lines = try sampleLines(SamplePaths.dartHourly15)
        _ = try store.ingest(file: try writeCSV(lines, name: "dart.csv"))
        // Line 2: 2024-01-01 HE1 HB_BUSAVG dam 16.28 rtm 14.045 dart 2.235 → dam 20.28, dart 6.235.
        #expect(lines[1] == "2024-01-01,1,N,2024-01-01T06:00:00Z,HB_BUSAVG,16.28,14.045,2.235,0")
        lines[1] = "2024-01-01,1,N,2024-01-01T06:00:00Z,HB_BUSAVG,20.28,14.045,6.235,0"
        let report = try store.ingest(file: try writeCSV(lines, name: "dart-corrected.csv"))
        #expect(report.updated == 1)
        #expect(report.inserted == 0)
        #expect(report.unchanged == 159_736)
        let history = try store.loadHistory(points: [SettlementPoint("HB_BUSAVG")!], fromUTC: utc("2024-01-01T06:00:00Z"),
                                            toUTC: utc("2024-01-01T08:00:00Z"))
        #expect(history.dam[0] == [20.28, 17.25])
        #expect(history.rtm[0] == [14.045, 15.97])
    }

    @Test func statusListsTheGapsAfterSpringForward() throws {
        let store = try makeStore()
        _ = try store.ingest(file: SamplePaths.dartHourly15)
        let status = try store.status()
        #expect(status.count == 15)
        let fallBackCopy = HourRange(startUTC: utc("2024-11-03T07:00:00Z"), endUTC: utc("2024-11-03T08:00:00Z"))
        for entry in status {
            #expect(entry.firstHourUTC == utc("2024-01-01T06:00:00Z"))
            #expect(entry.lastHourUTC == utc("2025-04-01T04:00:00Z"))
            switch entry.point.name {
            case "HB_HUBAVG":
                #expect(entry.gaps.isEmpty)
            case "HB_HOUSTON":
                #expect(entry.gaps == [fallBackCopy])  // only the repeated fall-back hour, which the file lacks
            default:
                // 2024-03-10 HE02 … 2024-03-17 HE03 and 2025-03-09 HE02 … 2025-03-16 HE03: whole days 03-11…16 / 03-10…15.
                #expect(entry.gaps == [
                    HourRange(startUTC: utc("2024-03-10T07:00:00Z"), endUTC: utc("2024-03-17T08:00:00Z")),
                    fallBackCopy,
                    HourRange(startUTC: utc("2025-03-09T07:00:00Z"), endUTC: utc("2025-03-16T08:00:00Z")),
                ], "\(entry.point)")
                #expect(entry.gaps[0].localLabels() == "2024-03-10 HE02 … 2024-03-17 HE03")
                #expect(entry.completeHours == 10_604)
            }
            #expect(entry.incompleteRTHours.isEmpty)
        }
    }
}
