import DartCore
import DartData
import DartTesting
import Foundation
import Testing

/// One malformed input and the error it must produce.
struct BadInputCase: Sendable, CustomTestStringConvertible {
    let name: String
    let lines: [String]
    let code: IngestError.Code
    let line: Int?
    let column: String?
    let value: String?
    var testDescription: String { name }
}

let dartHeader = "delivery_date,hour_ending,dst_flag,timestamp_utc,settlement_point,dam_price,rtm_price,dart"
let goodRow1 = "2024-01-01,1,N,2024-01-01T06:00:00Z,HB_BUSAVG,16.28,14.045,2.235"
let goodRow2 = "2024-01-01,2,N,2024-01-01T07:00:00Z,HB_BUSAVG,17.25,15.97,1.28"

let badInputCases: [BadInputCase] = [
    .init(name: "non-numeric price", lines: [dartHeader, goodRow1, "2024-01-01,2,N,2024-01-01T07:00:00Z,HB_BUSAVG,abc,15.97,1.28"],
          code: .unparsableNumber, line: 3, column: "dam_price", value: "abc"),
    .init(name: "NaN price", lines: [dartHeader, goodRow1, "2024-01-01,2,N,2024-01-01T07:00:00Z,HB_BUSAVG,17.25,NaN,1.28"],
          code: .unparsableNumber, line: 3, column: "rtm_price", value: "NaN"),
    .init(name: "empty price", lines: [dartHeader, "2024-01-01,2,N,2024-01-01T07:00:00Z,HB_BUSAVG,,15.97,1.28"],
          code: .unparsableNumber, line: 2, column: "dam_price", value: ""),
    .init(name: "price beyond ±10,000", lines: [dartHeader, "2024-01-01,2,N,2024-01-01T07:00:00Z,HB_BUSAVG,17250,15.97,17234.03"],
          code: .priceOutOfRange, line: 2, column: "dam_price", value: "17250"),
    .init(name: "hour ending 25", lines: [dartHeader, goodRow1, "2024-01-01,25,N,2024-01-02T06:00:00Z,HB_BUSAVG,17.25,15.97,1.28"],
          code: .invalidHourLabel, line: 3, column: "hour_ending", value: "25"),
    .init(name: "HE 3 on spring-forward day", lines: [dartHeader, "2024-03-10,3,N,2024-03-10T08:00:00Z,HB_BUSAVG,17.25,15.97,1.28"],
          code: .invalidHourLabel, line: 2, column: "hour_ending", value: "3"),
    .init(name: "DST flag Y on an ordinary hour", lines: [dartHeader, goodRow1, "2024-01-01,2,Y,2024-01-01T07:00:00Z,HB_BUSAVG,17.25,15.97,1.28"],
          code: .invalidHourLabel, line: 3, column: "dst_flag", value: "Y"),
    .init(name: "timestamp disagrees with label", lines: [dartHeader, "2024-01-01,2,N,2024-01-01T08:00:00Z,HB_BUSAVG,17.25,15.97,1.28"],
          code: .timestampMismatch, line: 2, column: "timestamp_utc", value: "2024-01-01T08:00:00Z"),
    .init(name: "dart is not dam minus rtm", lines: [dartHeader, goodRow1, "2024-01-01,2,N,2024-01-01T07:00:00Z,HB_BUSAVG,17.25,15.97,-1.28"],
          code: .dartMismatch, line: 3, column: "dart", value: "-1.28"),
    .init(name: "column missing from header", lines: [
            "delivery_date,hour_ending,dst_flag,timestamp_utc,settlement_point,dam_price,rtm_price",
            "2024-01-01,1,N,2024-01-01T06:00:00Z,HB_BUSAVG,16.28,14.045"],
          code: .missingColumn, line: 1, column: "dart", value: nil),
    .init(name: "field missing from row", lines: [dartHeader, goodRow1, "2024-01-01,2,N,2024-01-01T07:00:00Z,HB_BUSAVG,17.25,15.97"],
          code: .missingColumn, line: 3, column: "dart", value: ""),
    .init(name: "conflicting duplicate", lines: [dartHeader, goodRow1, goodRow2, "2024-01-01,1,N,2024-01-01T06:00:00Z,HB_BUSAVG,16.30,14.045,2.255"],
          code: .conflictingDuplicate, line: 4, column: "dam price", value: "16.3"),
    .init(name: "dart column without rtm_price (not read as DAM-only)", lines: [
            "delivery_date,hour_ending,dst_flag,timestamp_utc,settlement_point,dam_price,dart",
            "2024-01-01,1,N,2024-01-01T06:00:00Z,HB_BUSAVG,16.28,2.235"],
          code: .missingColumn, line: 1, column: "rtm_price", value: nil),
    .init(name: "unknown header", lines: ["date,hour,node,price", "2024-01-01,1,HB_BUSAVG,16.28"],
          code: .unknownHeader, line: 1, column: nil, value: "date,hour,node,price"),
    .init(name: "RT interval 5", lines: ["delivery_date,hour_ending,interval,dst_flag,interval_start_utc,settlement_point,rtm_price",
                                         "2024-06-01,1,5,N,2024-06-01T06:00:00Z,HB_HOUSTON,17.69"],
          code: .invalidInterval, line: 2, column: "interval", value: "5"),
]

@Suite struct BadInputTests {
    @Test(arguments: badInputCases)
    func malformedFileStoresNothingAndNamesTheCell(_ bad: BadInputCase) throws {
        let store = try makeStore()
        _ = try store.ingest(file: try writeCSV([dartHeader, goodRow1], name: "good.csv"))
        let before = try store.tableDigests()
        let file = try writeCSV(bad.lines, name: "bad.csv")
        let error = try #require(throws: IngestError.self) { try store.ingest(file: file) }
        #expect(error.code == bad.code)
        #expect(error.file == "bad.csv")
        #expect(error.line == bad.line)
        #expect(error.column == bad.column)
        #expect(error.value == bad.value)
        #expect(error.description.hasPrefix("bad.csv line \(bad.line!)"))
        #expect(error.description.contains("Fix: "))
        #expect(try store.tableDigests() == before)
        #expect(before.first { $0.table == "hourly_price" }?.rowCount == 1)
    }

    @Test func identicalDuplicatesAreFine() throws {
        let store = try makeStore()
        let report = try store.ingest(file: try writeCSV([dartHeader, goodRow1, goodRow2, goodRow1], name: "dupes.csv"))
        #expect(report.inserted == 2 && report.duplicatesIgnored == 1)
    }

    @Test func skipBadRowsWritesRejectsAndLoadsTheRest() throws {
        let store = try makeStore()
        let rejects = try SamplePaths.temporaryDirectory().appendingPathComponent("rejects.csv")
        let file = try writeCSV([dartHeader, goodRow1,
                                 "2024-01-01,2,N,2024-01-01T07:00:00Z,HB_BUSAVG,abc,15.97,1.28",
                                 "2024-03-10,3,N,2024-03-10T08:00:00Z,HB_BUSAVG,17.25,15.97,1.28",
                                 "2024-01-01,3,N,2024-01-01T08:00:00Z,HB_BUSAVG,17.24,16.9675,0.2725"], name: "mixed.csv")
        let report = try store.ingest(file: file, options: IngestOptions(skipBadRows: true, rejectsPath: rejects.path))
        #expect(report.rowsRead == 4)
        #expect(report.inserted == 2)
        #expect(report.rejected == 2)
        #expect(report.entries.first { $0.name == "HB_BUSAVG" }?.rejected == 2)
        let text = try String(contentsOf: rejects, encoding: .utf8)
        let lines = text.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[0] == "file,line,column,value,reason,original_line")
        #expect(lines[1].hasPrefix("\"mixed.csv\",\"3\",\"dam_price\",\"abc\",\"not a finite number\",\"2024-01-01,2,N"))
        #expect(lines[2].hasPrefix("\"mixed.csv\",\"4\",\"hour_ending\",\"3\""))
        #expect(try store.tableDigests().first { $0.table == "hourly_price" }?.rowCount == 2)
    }

    @Test func skippedConflictingDuplicateKeepsTheFirstAndRejectsTheLater() throws {
        let store = try makeStore()
        let rejects = try SamplePaths.temporaryDirectory().appendingPathComponent("rejects.csv")
        let later = "2024-01-01,1,N,2024-01-01T06:00:00Z,HB_BUSAVG,16.30,14.045,2.255"
        let report = try store.ingest(file: try writeCSV([dartHeader, goodRow1, goodRow2, later], name: "dupes.csv"),
                                      options: IngestOptions(skipBadRows: true, rejectsPath: rejects.path))
        #expect(report.inserted == 2 && report.rejected == 1)
        let lines = try String(contentsOf: rejects, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines[1].hasPrefix("\"dupes.csv\",\"4\",\"dam price\",\"16.3\""))
        #expect(lines[1].hasSuffix("\"\(later)\""))
        #expect(try store.loadHistory(points: nil, fromUTC: nil, toUTC: nil).dam[0] == [16.28, 17.25])
    }

    @Test func damagedGzipIsAnErrorNamingTheFile() throws {
        let store = try makeStore()
        let data = try Data(contentsOf: SamplePaths.damHourly5Hubs)
        let url = try SamplePaths.temporaryDirectory().appendingPathComponent("truncated.csv.gz")
        try data.prefix(data.count / 2).write(to: url)
        let before = try store.tableDigests()
        let error = try #require(throws: IngestError.self) { try store.ingest(file: url) }
        #expect(error.code == .unreadableFile && error.file == "truncated.csv.gz")
        #expect(try store.tableDigests() == before)
    }
}

/// A file that stores nothing says so: header only (a warning) or every row rejected (an error).
@Suite struct NothingStoredTests {
    @Test func headerOnlyFileReportsZeroRowsStored() throws {
        let store = try makeStore()
        let report = try store.ingest(file: try writeCSV([dartHeader], name: "empty-export.csv"))
        #expect(report.rowsRead == 0 && report.inserted == 0)
        #expect(report.nothingStored == .headerOnly)
        let message = try #require(report.nothingStoredMessage)
        #expect(message.hasPrefix("warning: empty-export.csv: 0 rows stored"), "\(message)")
        #expect(message.contains("no data rows"))
        #expect(IngestReport.table([report]).contains("(no data rows)"), "\(IngestReport.table([report]))")
    }

    @Test func everyRowRejectedIsAnErrorNamingTheRejectsFile() throws {
        let store = try makeStore()
        let rejects = try SamplePaths.temporaryDirectory().appendingPathComponent("rejects.csv")
        let file = try writeCSV([dartHeader, "2024-01-01,1,N,2024-01-01T06:00:00Z,HB_BUSAVG,abc,14.045,2.235",
                                 "2024-01-01,2,N,2024-01-01T07:00:00Z,HB_BUSAVG,17.25,15.97,9.99"], name: "all-bad.csv")
        let report = try store.ingest(file: file, options: IngestOptions(skipBadRows: true, rejectsPath: rejects.path))
        #expect(report.rejected == 2)
        #expect(report.nothingStored == .allRejected)
        let message = try #require(report.nothingStoredMessage)
        #expect(message.hasPrefix("error: all-bad.csv: 0 rows stored: all 2 data rows were rejected"), "\(message)")
        #expect(message.contains(rejects.path))
    }

    @Test func aFileThatStoredRowsSaysNothingExtra() throws {
        let store = try makeStore()
        let file = try writeCSV([dartHeader, goodRow1, "2024-01-01,2,N,2024-01-01T07:00:00Z,HB_BUSAVG,abc,15.97,1.28"], name: "mixed.csv")
        let report = try store.ingest(file: file, options: IngestOptions(skipBadRows: true,
            rejectsPath: try SamplePaths.temporaryDirectory().appendingPathComponent("r.csv").path))
        #expect(report.nothingStored == nil && report.nothingStoredMessage == nil)
        // Re-ingesting unchanged rows stores nothing new but is not "nothing stored".
        #expect(try store.ingest(file: try writeCSV([dartHeader, goodRow1], name: "again.csv")).nothingStored == nil)
    }
}
